import { existsSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { fileURLToPath } from 'node:url';
import sirv from 'sirv';

/** Where `pnpm --filter @coach/web build` puts the browser app. */
const WEB_DIST = fileURLToPath(new URL('../../web/dist', import.meta.url));

// Scripts and styles come only from our own origin; the chat streams over our own WebSocket.
const SECURITY_HEADERS = {
  'content-security-policy':
    "default-src 'self'; connect-src 'self' ws: wss:; img-src 'self' data:; style-src 'self' 'unsafe-inline'; frame-ancestors 'none'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'same-origin',
};

export type WebAppHandler = (request: IncomingMessage, response: ServerResponse) => void;

/** Serves the built web app (any unknown path gets index.html), or says how to build it. */
export function createWebAppHandler(dist: string = WEB_DIST): WebAppHandler {
  if (!existsSync(dist)) {
    return (_request, response) => {
      response.writeHead(503, { 'content-type': 'text/plain; charset=utf-8' });
      response.end(
        'The web app is not built yet: run `pnpm start` (or `pnpm build`) from the repository root.\n',
      );
    };
  }
  const serve = sirv(dist, {
    single: true,
    etag: true,
    setHeaders: (response, pathname) => {
      for (const [name, value] of Object.entries(SECURITY_HEADERS)) response.setHeader(name, value);
      // Vite fingerprints everything under /assets: it never changes at the same URL.
      if (pathname.startsWith('/assets/')) {
        response.setHeader('cache-control', 'public, max-age=31536000, immutable');
      }
    },
  });
  return (request, response) => serve(request, response);
}
