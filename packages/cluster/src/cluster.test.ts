import type { ChatEvent, TrackedChatEvent } from '@coach/chat';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { Cluster } from './cluster';
import { openTestRedis, TEST_REDIS_URL } from './testing';

const redis = await openTestRedis();
if (!redis) console.warn(`Redis is not reachable at ${TEST_REDIS_URL}: skipping its tests.`);

const silent = { info: () => {}, warn: () => {}, error: () => {} };

/** An answer whose events the test pushes by hand, as a generation would give them. */
function manualAnswer(userId: number, requestId: string) {
  const queue: TrackedChatEvent[] = [];
  let wake: (() => void) | undefined;
  let stopped = false;
  let next = 0;
  const push = (event: ChatEvent) => {
    queue.push({ id: String(next++), event });
    wake?.();
  };
  async function* events(): AsyncGenerator<TrackedChatEvent> {
    for (let i = 0; ; i++) {
      while (i >= queue.length) await new Promise<void>((resolve) => (wake = resolve));
      const tracked = queue[i] as TrackedChatEvent;
      yield tracked;
      if (tracked.event.type !== 'token') return;
    }
  }
  return {
    answer: {
      userId,
      requestId,
      events: events(),
      stop: () => {
        stopped = true;
        push({ type: 'done', usage: { inputTokens: 1, outputTokens: next } });
      },
    },
    push,
    stopped: () => stopped,
  };
}

async function collect(events: AsyncIterable<TrackedChatEvent> | null) {
  const all: TrackedChatEvent[] = [];
  for await (const event of events ?? []) all.push(event);
  return all;
}

describe.skipIf(!redis)('instances sharing through Redis', () => {
  const changed: number[][] = [[], []];
  const signedOut: string[][] = [[], []];
  const [giver, other] = [0, 1].map(
    (i) =>
      new Cluster({
        url: redis?.url ?? '',
        keyPrefix: redis?.keyPrefix ?? '',
        logger: silent,
        onAthleteChanged: (userId) => changed[i]?.push(userId),
        onSignedOut: (sessionId) => signedOut[i]?.push(sessionId),
      }),
  ) as [Cluster, Cluster];
  afterAll(async () => {
    await giver.close();
    await other.close();
    await redis?.drop();
  });

  it('another instance follows an answer live, resumes after any event, and keeps it listened to', async () => {
    await Promise.all([giver.ready(), other.ready()]);
    const key = { userId: 7, requestId: crypto.randomUUID() };
    const run = manualAnswer(key.userId, key.requestId);
    giver.answers.share(run.answer);
    run.push({ type: 'token', content: 'Easy ' });
    const controller = new AbortController();
    const followed = await other.answers.follow(key, undefined, controller.signal, true);
    const live = collect(followed);
    await expect.poll(() => giver.answers.listenedElsewhere(key)).toBe(true);
    run.push({ type: 'token', content: 'run ' });
    run.push({ type: 'token', content: 'today.' });
    run.push({ type: 'done', usage: { inputTokens: 10, outputTokens: 3 } });
    const all = await live;
    expect(all.map((e) => e.id)).toEqual(['0', '1', '2', '3']);
    expect(all.at(-1)?.event).toEqual({
      type: 'done',
      usage: { inputTokens: 10, outputTokens: 3 },
    });
    const rest = await collect(await other.answers.follow(key, '1', undefined, false));
    expect(rest).toEqual(all.slice(2));
    // Over: nothing left to stop.
    expect(await other.answers.requestStop(key)).toBe(false);
  });

  it('is told of no answer that nobody shares', async () => {
    const key = { userId: 7, requestId: crypto.randomUUID() };
    expect(await other.answers.follow(key, undefined, undefined, false)).toBeNull();
    expect(await other.answers.listenedElsewhere(key)).toBe(false);
    expect(await other.answers.requestStop(key)).toBe(false);
  });

  it('a stop asked on another instance reaches the one giving the answer', async () => {
    const key = { userId: 8, requestId: crypto.randomUUID() };
    const run = manualAnswer(key.userId, key.requestId);
    giver.answers.share(run.answer);
    run.push({ type: 'token', content: 'Rest' });
    const followed = collect(await other.answers.follow(key, undefined, undefined, true));
    expect(await other.answers.requestStop(key)).toBe(true);
    await expect.poll(run.stopped).toBe(true);
    expect((await followed).at(-1)?.event.type).toBe('done');
  });

  it('a follower ends when the instance giving the answer is gone without its final event', async () => {
    const doomed = new Cluster({
      url: redis?.url ?? '',
      keyPrefix: redis?.keyPrefix ?? '',
      logger: silent,
      onAthleteChanged: () => {},
      onSignedOut: () => {},
    });
    await doomed.ready();
    const key = { userId: 9, requestId: crypto.randomUUID() };
    const run = manualAnswer(key.userId, key.requestId);
    doomed.answers.share(run.answer);
    run.push({ type: 'token', content: 'Half' });
    const followed = collect(await other.answers.follow(key, undefined, undefined, true));
    // Gone: its events stop mid-answer and its running mark goes with it.
    await doomed.close();
    expect((await followed).map(({ event }) => event)).toEqual([
      { type: 'token', content: 'Half' },
    ]);
  });

  it('tells every instance that an athlete changed', async () => {
    await giver.announceAthleteChanged(42);
    await expect.poll(() => changed).toEqual([[42], [42]]);
  });

  it('tells every instance that a session was signed out, and nothing that is not a session id', async () => {
    const sessionId = 'ab'.repeat(32);
    const probe = new Redis(redis?.url ?? '', { protocol: 2 });
    await probe.publish(`${redis?.keyPrefix}signed-out`, JSON.stringify({ sessionId: 'a token' }));
    await probe.quit();
    await giver.announceSignedOut(sessionId);
    await expect.poll(() => signedOut).toEqual([[sessionId], [sessionId]]);
  });

  it('leaves no keys but the answers’ streams and listening marks, all of which expire', async () => {
    const keys = (await redis?.keys()) ?? [];
    expect(keys.length).toBeGreaterThan(0);
    const probe = new Redis(redis?.url ?? '', { protocol: 2 });
    for (const key of keys) {
      expect(key).toMatch(/:(answer:\d+:[0-9a-f-]+(:listening)?|instance:[0-9a-f-]+)$/);
      expect(await probe.pttl(key)).toBeGreaterThan(0);
    }
    await probe.quit();
  });
});
