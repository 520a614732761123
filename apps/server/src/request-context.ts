import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ApiDependencies, RequestContext } from '@coach/api';
import { readSessionToken, resolveSession, sessionCookie } from '@coach/auth';

/** The client's address: the socket's, or behind a trusted proxy the first X-Forwarded-For hop. */
export function clientIp(request: IncomingMessage, trustProxy: boolean): string {
  const forwarded = request.headers['x-forwarded-for'];
  const first = (Array.isArray(forwarded) ? forwarded[0] : forwarded)?.split(',')[0]?.trim();
  return (trustProxy && first) || request.socket.remoteAddress || 'unknown';
}

/**
 * The request's context: the signed-in athlete from the session cookie, or none. It never throws:
 * a WebSocket whose context fails makes the client retry in a tight loop.
 */
export async function createRequestContext(
  deps: ApiDependencies,
  request: IncomingMessage,
  response: ServerResponse | null,
  socket: { readonly bufferedAmount: number } | null,
): Promise<RequestContext> {
  const setCookie = response
    ? (cookie: string) => response.appendHeader('set-cookie', cookie)
    : null;
  const ip = clientIp(request, deps.trustProxy);
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
