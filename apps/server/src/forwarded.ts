// What the trusted reverse proxies say about a request. Each proxy appends to X-Forwarded-For the
// address it received the request from, so only the last `hops` entries were written by proxies we
// trust; anything to their left came from the client and can say anything.
import type { IncomingMessage } from 'node:http';
import type { TLSSocket } from 'node:tls';

/** The entry the outermost trusted proxy wrote in a comma-separated forwarding header. */
function trustedEntry(header: string | string[] | undefined, hops: number): string | undefined {
  if (hops === 0 || header === undefined) return undefined;
  const entries = (Array.isArray(header) ? header.join(',') : header)
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '');
  // Fewer entries than proxies: every one was written by a trusted proxy, the leftmost is the client.
  return entries[Math.max(0, entries.length - hops)];
}

/** The client's address: the socket's, or the one the outermost of `hops` trusted proxies saw. */
export function clientIp(request: IncomingMessage, hops: number): string {
  return (
    trustedEntry(request.headers['x-forwarded-for'], hops) ||
    request.socket.remoteAddress ||
    'unknown'
  );
}

/** Whether the client's request came over HTTPS: to us directly, or to the outermost trusted proxy. */
export function isHttps(request: IncomingMessage, hops: number): boolean {
  if ((request.socket as Partial<TLSSocket>).encrypted === true) return true;
  return trustedEntry(request.headers['x-forwarded-proto'], hops)?.toLowerCase() === 'https';
}
