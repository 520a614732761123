import { describe, expect, it } from 'vitest';
import { clearedSessionCookie, readSessionToken, SESSION_COOKIE, sessionCookie } from './cookies';

const TOKEN = 'q1w2e3r4t5y6u7i8o9p0-_ASDFGHJKLZXCVBNMqwert'; // 43 base64url characters
const NOW = new Date('2026-03-01T12:00:00.000Z');
const EXPIRES = new Date('2026-03-31T12:00:00.000Z');

describe('session cookie', () => {
  it('is HttpOnly, SameSite=Lax, Path=/, with Max-Age and Expires', () => {
    expect(SESSION_COOKIE).toBe('coach_session');
    expect(sessionCookie(TOKEN, EXPIRES, { secure: true, now: NOW })).toBe(
      `coach_session=${TOKEN}; Max-Age=2592000; Path=/; Expires=Tue, 31 Mar 2026 12:00:00 GMT; ` +
        'HttpOnly; Secure; SameSite=Lax',
    );
    expect(sessionCookie(TOKEN, EXPIRES, { secure: false, now: NOW })).toBe(
      `coach_session=${TOKEN}; Max-Age=2592000; Path=/; Expires=Tue, 31 Mar 2026 12:00:00 GMT; ` +
        'HttpOnly; SameSite=Lax',
    );
    // Max-Age counts whole seconds left, never below zero.
    expect(
      sessionCookie(TOKEN, EXPIRES, { secure: false, now: new Date(EXPIRES.getTime() - 1500) }),
    ).toContain('; Max-Age=1;');
    expect(
      sessionCookie(TOKEN, EXPIRES, { secure: false, now: new Date(EXPIRES.getTime() + 1) }),
    ).toContain('; Max-Age=0;');
  });

  it('is cleared with an empty value that expired long ago', () => {
    expect(clearedSessionCookie({ secure: true })).toBe(
      'coach_session=; Max-Age=0; Path=/; Expires=Thu, 01 Jan 1970 00:00:00 GMT; HttpOnly; ' +
        'Secure; SameSite=Lax',
    );
    expect(clearedSessionCookie({ secure: false })).toBe(
      'coach_session=; Max-Age=0; Path=/; Expires=Thu, 01 Jan 1970 00:00:00 GMT; HttpOnly; ' +
        'SameSite=Lax',
    );
  });

  it('reads the token back from a Cookie header', () => {
    const [pair] = sessionCookie(TOKEN, EXPIRES, { secure: true }).split(';');
    expect(readSessionToken(pair)).toBe(TOKEN);
    expect(readSessionToken(`theme=dark; ${SESSION_COOKIE}=${TOKEN}; lang=en`)).toBe(TOKEN);
    expect(readSessionToken(`theme=dark;${SESSION_COOKIE}=${TOKEN}`)).toBe(TOKEN);
  });

  it('gives null, never an error, for missing or malformed cookies', () => {
    const headers: unknown[] = [
      undefined,
      null,
      '',
      ';;;',
      '=',
      'theme=dark',
      `${SESSION_COOKIE}=`,
      `${SESSION_COOKIE}=short`,
      `${SESSION_COOKIE}=${TOKEN}x`,
      `${SESSION_COOKIE}="${TOKEN}"`,
      `${SESSION_COOKIE}=${TOKEN.slice(1)}%`,
      `${SESSION_COOKIE}=%E0%A4%A`,
      `${SESSION_COOKIE}=${'%'.repeat(43)}`,
      `${SESSION_COOKIE.toUpperCase()}=${TOKEN}`,
      `x${SESSION_COOKIE}=${TOKEN}`,
      `${SESSION_COOKIE}=${TOKEN.slice(0, 42)}+`,
      42,
      ['array'],
    ];
    for (const header of headers) {
      expect(readSessionToken(header as string)).toBeNull();
    }
  });
});
