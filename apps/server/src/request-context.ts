import type { IncomingMessage, ServerResponse } from 'node:http';
import { type ApiDependencies, type RequestContext, VerifiedSession } from '@coach/api';
import { readSessionToken, resolveSession, sessionCookie } from '@coach/auth';
import type { Config } from '@coach/config';
import { clientIp, isHttps } from './forwarded';

/** The settings that say how far to believe what arrives with a request. */
export type RequestContextOptions = Pick<Config, 'trustProxyHops' | 'secureCookies'> & {
  /** on a WebSocket: how long its session stands without asking the database (VerifiedSession); null: ask each time */
  sessionRecheckMs?: number | null;
};

/**
 * The request's context: the signed-in athlete from the session cookie, or none. It never throws:
 * a WebSocket whose context fails makes the client retry in a tight loop. A failed lookup is
 * flagged instead, and the procedures that need the athlete answer with a server error.
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
  const secureCookies =
    options.secureCookies === 'always' ||
    (options.secureCookies === 'auto' && isHttps(request, options.trustProxyHops));
  const context: RequestContext = {
    deps,
    user: null,
    sessionToken: null,
    sessionLookupFailed: false,
    setCookie,
    secureCookies,
    ip,
    socket,
    sessionEnded: null,
    verifiedSession: null,
  };
  try {
    const token = readSessionToken(request.headers.cookie);
    const session = token ? await resolveSession(deps.prisma, token) : null;
    if (!token || !session) return context;
    if (session.renewed)
      setCookie?.(sessionCookie(token, session.expiresAt, { secure: secureCookies }));
    const verifiedSession =
      socket && options.sessionRecheckMs != null
        ? new VerifiedSession(options.sessionRecheckMs, Date.now(), session.expiresAt.getTime())
        : null;
    return { ...context, user: session.user, sessionToken: token, verifiedSession };
  } catch (error) {
    deps.logger.error({ err: error }, 'session lookup failed');
    return { ...context, sessionLookupFailed: true };
  }
}
