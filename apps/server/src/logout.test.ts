import { createHash } from 'node:crypto';
import { once } from 'node:events';
import type { AppRouter } from '@coach/api';
import { readSessionToken } from '@coach/auth';
import type { FakeAnthropic } from '@coach/llm/testing';
import { createTRPCClient, wsLink } from '@trpc/client';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DEMO, startTestApp, type TestApp } from './testing/test-app';
import { codeOf, createClient, signIn } from './testing/trpc-client';

let fake: FakeAnthropic;
let running: TestApp;
const closers: (() => void)[] = [];
/** A socket's session is checked again in the database within this (the product's: 30 s). */
const SESSION_RECHECK_MS = 500;
beforeAll(async () => {
  running = await startTestApp({}, { sessionRecheckMs: SESSION_RECHECK_MS });
  fake = running.fake;
}, 120_000);
beforeEach(() => fake.reset());
afterAll(async () => {
  for (const close of closers) close();
  await running?.close();
});

/** A signed-in client whose every call, mutations too, goes over one WebSocket. */
async function signedInOverWebSocket() {
  const cookie = await signIn(running.baseUrl, DEMO.email, DEMO.password);
  const made = createClient(running.baseUrl, cookie);
  closers.push(made.close);
  const ws = createTRPCClient<AppRouter>({ links: [wsLink({ client: made.wsClient })] });
  // sessions.id is the SHA-256 of the cookie's token
  const sessionId = createHash('sha256')
    .update(readSessionToken(cookie) ?? '')
    .digest('hex');
  return { cookie, ws, sessionId };
}

function ask(ws: Awaited<ReturnType<typeof signedInOverWebSocket>>['ws']): Promise<unknown> {
  return new Promise((resolve) => {
    const subscription = ws.chat.stream.subscribe(
      { universe: 'general', message: 'How am I doing?', conversation: [] },
      {
        onData: (event) => {
          const data = (event as { data: { type: string } }).data;
          if (data.type === 'token') return;
          subscription.unsubscribe();
          resolve(data);
        },
        onError: resolve,
      },
    );
  });
}

const writeJournal = (ws: Awaited<ReturnType<typeof signedInOverWebSocket>>['ws'], notes: string) =>
  ws.journal.upsert.mutate({ notes }).catch((error: unknown) => error);

async function journalNotes(): Promise<(string | null)[]> {
  const demo = await running.database.prisma.user.findUniqueOrThrow({
    where: { email: DEMO.email },
  });
  const entries = await running.database.prisma.journalEntry.findMany({
    where: { userId: demo.id },
  });
  return entries.map((entry) => entry.notes);
}

describe('signing out', () => {
  it('closes the session’s open WebSockets; what comes after is UNAUTHORIZED and reaches neither model nor journal', async () => {
    const { cookie, ws } = await signedInOverWebSocket();
    expect(await ask(ws)).toMatchObject({ type: 'done' });
    expect(await writeJournal(ws, 'before sign-out')).toMatchObject({ notes: 'before sign-out' });
    const sockets = [...running.app.wss.clients];
    const closed = sockets.map((socket) => once(socket, 'close'));
    const modelCalls = fake.requests.length;

    const response = await fetch(`${running.baseUrl}/trpc/auth.logout`, {
      method: 'POST',
      headers: { cookie, 'content-type': 'application/json' },
    });
    expect(response.status).toBe(200);
    const [code] = (await Promise.all(closed))[0] ?? [];
    expect(code).toBe(1008);

    // The client reconnects with its old cookie, which no longer names a session.
    await expect
      .poll(() => [...running.app.wss.clients].some((socket) => !sockets.includes(socket)))
      .toBe(true);
    expect(codeOf(await ask(ws))).toBe('UNAUTHORIZED');
    expect(codeOf(await writeJournal(ws, 'after sign-out'))).toBe('UNAUTHORIZED');
    expect(fake.requests).toHaveLength(modelCalls);
    expect(await journalNotes()).not.toContain('after sign-out');
  });
});

describe('signing out with an answer in flight', () => {
  it('stops the answer and its model call at once, not after the reconnect grace period', async () => {
    fake.setDefault({ tokenDelayMs: 300 }); // the whole answer takes longer than the 5 s grace
    const { cookie, ws } = await signedInOverWebSocket();
    const firstToken = new Promise<void>((resolve) => {
      ws.chat.stream.subscribe(
        { universe: 'general', message: 'A long answer', conversation: [] },
        { onData: () => resolve(), onError: () => resolve() },
      );
    });
    await firstToken;
    const response = await fetch(`${running.baseUrl}/trpc/auth.logout`, {
      method: 'POST',
      headers: { cookie, 'content-type': 'application/json' },
    });
    expect(response.status).toBe(200);
    await fake.waitForIdle(2000);
    expect(fake.counts().aborted).toBe(1);
  });
});

describe('a WebSocket whose session ended elsewhere', () => {
  it.each([
    [
      'signed out on another instance',
      (id: string) => running.database.prisma.session.delete({ where: { id } }),
    ],
    [
      'expired',
      (id: string) =>
        running.database.prisma.session.update({
          where: { id },
          data: { expiresAt: new Date(Date.now() - 1000) },
        }),
    ],
  ])(
    '%s: once its session is checked again, each further operation is UNAUTHORIZED',
    async (_case, endSession) => {
      const { ws, sessionId } = await signedInOverWebSocket();
      expect(await writeJournal(ws, 'while signed in')).toMatchObject({ notes: 'while signed in' });
      const modelCalls = fake.requests.length;

      // Behind this instance's back, with no sign-out reaching it (a lost message between
      // instances): the socket stays open, and its session is checked again within the recheck time.
      await endSession(sessionId);
      await expect.poll(() => ws.auth.me.query(), { timeout: 20 * SESSION_RECHECK_MS }).toBeNull();
      expect(codeOf(await ask(ws))).toBe('UNAUTHORIZED');
      expect(codeOf(await writeJournal(ws, 'after the end'))).toBe('UNAUTHORIZED');
      expect(fake.requests).toHaveLength(modelCalls);
      expect(await journalNotes()).not.toContain('after the end');
    },
  );
});
