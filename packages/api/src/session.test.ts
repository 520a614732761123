import { createSession, deleteSession } from '@coach/auth';
import type { Database } from '@coach/db';
import { createTestAthlete, openTestDatabase } from '@coach/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiDependencies, RequestContext } from './request-context';
import { signedInUser } from './session';
import { VerifiedSession } from './verified-session';

let database: Database;
beforeAll(async () => {
  database = await openTestDatabase();
});
afterAll(() => database.close());

/** A WebSocket's context for a new session of a new athlete, as the server makes it. */
async function socketContext(recheckMs: number | null) {
  const athlete = await createTestAthlete(database.prisma);
  const { token, expiresAt } = await createSession(database.prisma, athlete.id);
  const signedOut = new AbortController();
  const ctx: RequestContext = {
    deps: { prisma: database.prisma } as ApiDependencies,
    user: { id: athlete.id, email: athlete.email, displayName: 'Test runner', timezone: 'UTC' },
    sessionToken: token,
    sessionLookupFailed: false,
    setCookie: null,
    secureCookies: false,
    ip: '127.0.0.1',
    socket: { bufferedAmount: 0 },
    sessionEnded: signedOut.signal,
    verifiedSession:
      recheckMs === null ? null : new VerifiedSession(recheckMs, Date.now(), expiresAt.getTime()),
  };
  return { ctx, token, signOutReaches: () => signedOut.abort() };
}

describe('signedInUser on a WebSocket', () => {
  it('a sign-out that reaches the socket ends its session at once', async () => {
    const { ctx, signOutReaches } = await socketContext(60_000);
    expect(await signedInUser(ctx)).toEqual(ctx.user);
    signOutReaches();
    expect(await signedInUser(ctx)).toBeNull();
  });

  it('within the recheck time it does not ask the database (a sign-out reaches the socket instead)', async () => {
    const { ctx, token } = await socketContext(60_000);
    await deleteSession(database.prisma, token); // no sign-out reaches this socket
    expect(await signedInUser(ctx)).toEqual(ctx.user);
  });

  it('once the recheck is due it asks the database, which says whether the session stands', async () => {
    const standing = await socketContext(0);
    expect(await signedInUser(standing.ctx)).toEqual(standing.ctx.user);
    const gone = await socketContext(0);
    await deleteSession(database.prisma, gone.token);
    expect(await signedInUser(gone.ctx)).toBeNull();
  });

  it('when sign-outs may not reach its sockets (several instances, no Redis), every operation asks', async () => {
    const { ctx, token } = await socketContext(null);
    expect(await signedInUser(ctx)).toEqual(ctx.user);
    await deleteSession(database.prisma, token);
    expect(await signedInUser(ctx)).toBeNull();
  });
});
