// The session cookie: HttpOnly (scripts cannot read it), SameSite=Lax (not sent on cross-site
// subrequests or form posts), Path=/ (the WebSocket upgrade at /trpc carries it too). It has both
// Expires and Max-Age: browsers prefer Max-Age, which does not depend on the client's clock.
import { parseCookie, stringifySetCookie } from 'cookie';
import { isSessionTokenFormat } from './sessions';

export const SESSION_COOKIE = 'coach_session';

export interface CookieOptions {
  /** adds `Secure`: true whenever the site is served over HTTPS */
  secure: boolean;
}

export interface SessionCookieOptions extends CookieOptions {
  /** the moment Max-Age counts from (default: now) */
  now?: Date;
}

/** `Set-Cookie` value that stores the session token until `expiresAt`. */
export function sessionCookie(
  token: string,
  expiresAt: Date,
  { secure, now = new Date() }: SessionCookieOptions,
): string {
  const maxAge = Math.max(0, Math.floor((expiresAt.getTime() - now.getTime()) / 1000));
  return stringifySetCookie(SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: 'lax',
    path: '/',
    expires: expiresAt,
    maxAge,
    secure,
  });
}

/** `Set-Cookie` value that makes the browser drop the session cookie (on sign-out). */
export function clearedSessionCookie({ secure }: CookieOptions): string {
  return stringifySetCookie(SESSION_COOKIE, '', {
    httpOnly: true,
    sameSite: 'lax',
    path: '/',
    expires: new Date(0),
    maxAge: 0,
    secure,
  });
}

/**
 * The session token in a request's `Cookie` header, or null when there is none or it is not a
 * well-formed token. Never throws.
 */
export function readSessionToken(cookieHeader: string | null | undefined): string | null {
  if (typeof cookieHeader !== 'string' || cookieHeader.length === 0) return null;
  try {
    const token = parseCookie(cookieHeader)[SESSION_COOKIE];
    return isSessionTokenFormat(token) ? token : null;
  } catch {
    return null;
  }
}
