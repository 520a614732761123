import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import type { Database } from '@coach/db';
import type { WebSocketServer } from 'ws';
import type { Logger } from './logger';
import type { WebAppHandler } from './web-app';
import type { WebSocketLimit } from './websocket-limit';

export interface HttpDependencies {
  database: Database;
  logger: Logger;
  trpcHttp: (request: IncomingMessage, response: ServerResponse) => void;
  /** activity files and export zips, uploaded as raw bodies */
  activityUpload: {
    path: string;
    handle: (request: IncomingMessage, response: ServerResponse) => Promise<void>;
  };
  wss: WebSocketServer;
  webSocketLimit: Pick<WebSocketLimit, 'admit'>;
  webApp: WebAppHandler;
  /** `GET /metrics` when metrics are served (a token is set); otherwise /metrics is 404 */
  metrics?: (request: IncomingMessage, response: ServerResponse) => Promise<void>;
}

function json(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'content-type': 'application/json' });
  response.end(JSON.stringify(body));
}

/** A browser's WebSocket must come from our own pages; other clients send no Origin at all. */
export function isSameOrigin(request: IncomingMessage): boolean {
  const origin = request.headers.origin;
  if (origin === undefined) return true;
  try {
    return new URL(origin).host === request.headers.host;
  } catch {
    return false;
  }
}

function refuseUpgrade(socket: Duplex, status: string): void {
  socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}

/** The request's path, or null when its target is not a URL at all (e.g. `//[`). */
function pathnameOf(request: IncomingMessage): string | null {
  try {
    return new URL(request.url ?? '/', 'http://localhost').pathname;
  } catch {
    return null;
  }
}

/**
 * One server for the product: /healthz, tRPC over HTTP and WebSocket at /trpc, activity uploads,
 * /metrics (with its token), the web app at /.
 */
export function createHttpServer({
  database,
  logger,
  trpcHttp,
  activityUpload,
  wss,
  webSocketLimit,
  webApp,
  metrics,
}: HttpDependencies): Server {
  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const pathname = pathnameOf(request);
    if (pathname === null) {
      logger.info({ url: request.url }, 'request with a malformed URL refused');
      return json(response, 400, { error: 'Malformed URL' });
    }
    if (pathname.startsWith('/trpc/')) return trpcHttp(request, response);
    if (pathname === activityUpload.path) return activityUpload.handle(request, response);
    if (request.method === 'GET' && pathname === '/healthz') {
      try {
        await database.prisma.$queryRaw`SELECT 1`;
        json(response, 200, { status: 'ok' });
      } catch (error) {
        logger.error({ err: error }, 'health check: database unreachable');
        json(response, 503, { status: 'unavailable' });
      }
      return;
    }
    if (pathname === '/metrics') {
      if (metrics && request.method === 'GET') return metrics(request, response);
      return json(response, 404, { error: 'Not found' });
    }
    if (request.method === 'GET' || request.method === 'HEAD') return webApp(request, response);
    json(response, 404, { error: 'Not found' });
  }

  function upgrade(request: IncomingMessage, socket: Duplex, head: Buffer) {
    const pathname = pathnameOf(request);
    if (pathname === null) return refuseUpgrade(socket, '400 Bad Request');
    if (pathname !== '/trpc' && pathname !== '/trpc/')
      return refuseUpgrade(socket, '404 Not Found');
    if (!isSameOrigin(request)) {
      logger.warn({ origin: request.headers.origin }, 'WebSocket from another origin refused');
      return refuseUpgrade(socket, '403 Forbidden');
    }
    if (!webSocketLimit.admit(request, socket))
      return refuseUpgrade(socket, '429 Too Many Requests');
    wss.handleUpgrade(request, socket, head, (ws) => wss.emit('connection', ws, request));
  }

  // Last resort: whatever a request makes a handler throw is logged and answered, and the
  // process keeps serving everyone else.
  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      logger.error({ err: error, url: request.url }, 'request handler failed');
      if (!response.headersSent) json(response, 500, { error: 'Internal server error' });
      else response.destroy();
    });
  });
  server.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    try {
      upgrade(request, socket, head);
    } catch (error) {
      logger.error({ err: error, url: request.url }, 'WebSocket upgrade failed');
      refuseUpgrade(socket, '500 Internal Server Error');
    }
  });
  return server;
}
