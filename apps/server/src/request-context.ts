import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ApiDependencies, RequestContext } from '@coach/api';
import { readSessionToken, resolveSession, sessionCookie } from '@coach/auth';
import { clientIp } from './forwarded';

/** How far the server believes what arrives with a request. */
export interface RequestContextOptions {
  /** reverse proxies in front of the server whose X-Forwarded-* headers are believed */
  trustProxyHops: number;
}

/**
 * The request's context: the signed-in athlete from the session cookie, or none. It never throws:
 * a WebSocket whose context fails makes the client retry in a tight loop.
 */
export async function createRequestContext(
  deps: ApiDependencies,
  options: RequestContextOptions,
  request: IncomingMessage,
  response: ServerResponse | null,
  socket: { readonly bufferedAmount: number } | null,
): Promise<RequestContext> {
  const setCookie = response
    ? (cookie: string) => response.appendHeader('set-cookie', cookie)
    : null;
  const ip = clientIp(request, options.trustProxyHops);
  const context: RequestContext = { deps, user: null, sessionToken: null, setCookie, ip, socket };
  try {
    const token = readSessionToken(request.headers.cookie);
    const session = token ? await resolveSession(deps.prisma, token) : null;
    if (!token || !session) return context;
    if (session.renewed)
      setCookie?.(sessionCookie(token, session.expiresAt, { secure: deps.secureCookies }));
    return { ...context, user: session.user, sessionToken: token };
  } catch (error) {
    deps.logger.error({ err: error }, 'session lookup failed; treating the request as signed out');
    return context;
  }
}
