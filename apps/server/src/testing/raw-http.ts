import { connect } from 'node:net';

/**
 * Writes `request` byte for byte (fetch would normalise its URL) and resolves with the status
 * line's code, or null when the server answered nothing within `timeoutMs`.
 */
export function rawRequest(
  port: number,
  request: string | Buffer,
  timeoutMs = 5000,
): Promise<number | null> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1', () => socket.write(request));
    let answer = '';
    socket.setEncoding('latin1');
    socket.setTimeout(timeoutMs, () => socket.destroy());
    socket.on('data', (chunk: string) => {
      answer += chunk;
      // The status line is all we want; a server still reading a huge body need not finish.
      if (/^HTTP\/1\.1 \d{3}/.test(answer)) socket.destroy();
    });
    // A reset after (or instead of) the answer is what the close below reports on.
    socket.on('error', () => {});
    socket.on('close', () => {
      const match = /^HTTP\/1\.1 (\d{3})/.exec(answer);
      resolve(match ? Number(match[1]) : null);
    });
  });
}
