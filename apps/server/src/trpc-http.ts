import type { IncomingMessage, ServerResponse } from 'node:http';
import { type ApiDependencies, appRouter, GENERIC_ERROR_MESSAGE, procedures } from '@coach/api';
import { TRPCError } from '@trpc/server';
import { createHTTPHandler } from '@trpc/server/adapters/standalone';
import { getHTTPStatusCodeFromError } from '@trpc/server/http';
import { TRPC_ERROR_CODES_BY_KEY } from '@trpc/server/rpc';
import { isSameOrigin } from './http';
import { createRequestContext, type RequestContextOptions } from './request-context';

const BASE_PATH = '/trpc/';

export interface TrpcHttpLimits {
  maxBodyBytes: number;
  maxBatchSize: number;
}

/**
 * Why a request may not reach tRPC at all, checked before its body is read: a path that does
 * not decode, a subscription (served over the WebSocket only, where the Origin is checked), and
 * for requests with a body, another site's page, a content type a plain HTML form can send
 * (the CSRF defence, with SameSite=Lax), or a declared size over the limit.
 */
function refusalOf(request: IncomingMessage, { maxBodyBytes }: TrpcHttpLimits): TRPCError | null {
  let paths: string[];
  try {
    const { pathname } = new URL(request.url ?? '/', 'http://localhost');
    paths = decodeURIComponent(pathname.slice(BASE_PATH.length)).split(',');
  } catch {
    return new TRPCError({ code: 'BAD_REQUEST', message: 'Malformed URL.' });
  }
  if (paths.some((path) => procedures.get(path)?.type === 'subscription')) {
    return new TRPCError({
      code: 'METHOD_NOT_SUPPORTED',
      message: 'Subscriptions are served over the WebSocket only.',
    });
  }
  if (request.method === 'GET' || request.method === 'HEAD') return null;
  if (!isSameOrigin(request)) {
    return new TRPCError({ code: 'FORBIDDEN', message: 'Requests from another site are refused.' });
  }
  const mediaType = request.headers['content-type']?.split(';')[0]?.trim().toLowerCase();
  if (mediaType !== 'application/json') {
    return new TRPCError({
      code: 'UNSUPPORTED_MEDIA_TYPE',
      message: 'Send the request body as application/json.',
    });
  }
  if (Number(request.headers['content-length'] ?? 0) > maxBodyBytes) {
    return new TRPCError({
      code: 'PAYLOAD_TOO_LARGE',
      message: `Request bodies are limited to ${maxBodyBytes} bytes.`,
    });
  }
  return null;
}

/** Answers as tRPC would, so its clients read the code and message. */
function refuse(response: ServerResponse, error: TRPCError): void {
  const httpStatus = getHTTPStatusCodeFromError(error);
  response.writeHead(httpStatus, { 'content-type': 'application/json', connection: 'close' });
  response.end(
    JSON.stringify({
      error: {
        message: error.message,
        code: TRPC_ERROR_CODES_BY_KEY[error.code],
        data: { code: error.code, httpStatus },
      },
    }),
  );
}

/** tRPC queries and mutations over HTTP, behind the checks above and within the limits. */
export function createTrpcHttpHandler(
  deps: ApiDependencies,
  options: RequestContextOptions,
  limits: TrpcHttpLimits,
) {
  const { logger } = deps;
  const handler = createHTTPHandler({
    router: appRouter,
    basePath: BASE_PATH,
    // Chunked bodies have no Content-Length: tRPC stops taking them past the limit (413).
    maxBodySize: limits.maxBodyBytes,
    maxBatchSize: limits.maxBatchSize,
    createContext: ({ req, res }) => createRequestContext(deps, options, req, res, null),
    // Calls that failed because the session could not be looked up: the service is unavailable.
    responseMeta: ({ ctx, data, errors }) =>
      ctx?.sessionLookupFailed && errors.length > 0 && errors.length === data.length
        ? { status: 503 }
        : {},
    onError: ({ error, path }) => {
      // What a client got wrong is worth a line, not an alert; an unexpected error mapped to the
      // generic message was already logged with its cause.
      if (getHTTPStatusCodeFromError(error) < 500)
        logger.info({ path, code: error.code, message: error.message }, 'API request refused');
      else if (error.message !== GENERIC_ERROR_MESSAGE)
        logger.error({ err: error.cause ?? error, path }, 'API request failed');
    },
  });
  return (request: IncomingMessage, response: ServerResponse): void => {
    // An answer sent before the body was all read (refused, too large) ends the connection
    // rather than reading the rest of the body.
    response.once('finish', () => {
      if (!request.complete) request.destroy();
    });
    const refusal = refusalOf(request, limits);
    if (!refusal) {
      handler(request, response);
      return;
    }
    // Another site's request is worth a look; the rest is a client's mistake.
    logger[refusal.code === 'FORBIDDEN' ? 'warn' : 'info'](
      { url: request.url, origin: request.headers.origin, code: refusal.code },
      refusal.message,
    );
    refuse(response, refusal);
  };
}
