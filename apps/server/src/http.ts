import { createServer, type Server } from 'node:http';
import type { Database } from '@coach/db';
import type { Logger } from './logger';

export interface HttpDependencies {
  database: Database;
  logger: Logger;
}

/** One HTTP server for the whole product; the API and web app mount here as they arrive. */
export function createHttpServer({ database, logger }: HttpDependencies): Server {
  return createServer(async (request, response) => {
    const { pathname } = new URL(request.url ?? '/', 'http://localhost');
    if (request.method === 'GET' && pathname === '/healthz') {
      try {
        await database.prisma.$queryRaw`SELECT 1`;
        response.writeHead(200, { 'content-type': 'application/json' });
        response.end(JSON.stringify({ status: 'ok' }));
      } catch (error) {
        logger.error({ err: error }, 'health check: database unreachable');
        response.writeHead(503, { 'content-type': 'application/json' });
        response.end(JSON.stringify({ status: 'unavailable' }));
      }
      return;
    }
    response.writeHead(404, { 'content-type': 'application/json' });
    response.end(JSON.stringify({ error: 'Not found' }));
  });
}
