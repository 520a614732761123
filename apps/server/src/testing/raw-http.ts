import { connect } from 'node:net';

/**
 * Writes `request` byte for byte (fetch would normalise its URL) and resolves with the status
 * line's code, or null when the server closed the connection without answering.
 */
export function rawRequest(port: number, request: string | Buffer): Promise<number | null> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => socket.end(request));
    let answer = '';
    socket.setEncoding('latin1');
    socket.on('data', (chunk: string) => {
      answer += chunk;
    });
    socket.on('error', (error: NodeJS.ErrnoException) =>
      error.code === 'ECONNRESET' ? resolve(null) : reject(error),
    );
    socket.on('close', () => {
      const match = /^HTTP\/1\.1 (\d{3})/.exec(answer);
      resolve(match ? Number(match[1]) : null);
    });
  });
}
