import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { type AddressInfo, connect, createServer, type Socket } from 'node:net';
import type { AppRouter } from '@coach/api';
import { openTestRedis, TEST_REDIS_URL } from '@coach/cluster/testing';
import { createPostgresDatabase, TEST_POSTGRES_URL } from '@coach/db/testing';
import { type FakeAnthropic, startFakeAnthropic } from '@coach/llm/testing';
import { createTRPCClient, wsLink } from '@trpc/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { streamAnswer, type TrackedEvent } from './testing/chat-stream';
import { type RunningProcess, runEntry, waitForPort } from './testing/process';
import { codeOf, createClient, signIn } from './testing/trpc-client';

const postgres = await createPostgresDatabase();
const redis = await openTestRedis();
if (!postgres) console.warn(`PostgreSQL is not reachable at ${TEST_POSTGRES_URL}: skipping.`);
if (!redis) console.warn(`Redis is not reachable at ${TEST_REDIS_URL}: skipping.`);

/**
 * A load balancer without sticky sessions: each TCP connection (an HTTP keep-alive connection or a
 * WebSocket, upgrade included) goes to the next backend in turn, and is forwarded byte for byte.
 */
class RoundRobinProxy {
  /** the backend index each connection went to, in order */
  readonly routes: number[] = [];
  private readonly open = new Set<Socket>();
  private readonly server = createServer((client) => {
    const backend = this.routes.length % this.backendPorts.length;
    this.routes.push(backend);
    const upstream = connect(this.backendPorts[backend] as number, '127.0.0.1');
    for (const socket of [client, upstream]) {
      this.open.add(socket);
      socket.on('close', () => this.open.delete(socket));
      socket.on('error', () => {
        client.destroy();
        upstream.destroy();
      });
    }
    client.pipe(upstream).pipe(client);
  });

  constructor(private readonly backendPorts: readonly number[]) {}

  async listen(): Promise<string> {
    this.server.listen(0, '127.0.0.1');
    await once(this.server, 'listening');
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  /** Cuts every connection, as a dropped mobile network would. */
  cutAll(): void {
    for (const socket of this.open) socket.destroy();
  }

  async close(): Promise<void> {
    this.cutAll();
    this.server.close();
    await once(this.server, 'close');
  }
}

const textOf = (events: TrackedEvent[]) =>
  events.map(({ data }) => (data.type === 'token' ? data.content : '')).join('');

/** 100 tokens, 40 ms apart: 4 s */
const LONG_ANSWER = Array.from({ length: 100 }, (_, i) => `step${i}`).join(' ');

describe.skipIf(!postgres || !redis)('two instances behind a round-robin proxy, on Redis', () => {
  const servers: RunningProcess[] = [];
  const ports: number[] = [];
  const closers: (() => void)[] = [];
  let fake: FakeAnthropic;
  let proxy: RoundRobinProxy;
  let proxyUrl: string;
  let cookie: string;
  const direct = (i: number) => `http://127.0.0.1:${ports[i]}`;
  const client = (url: string) => {
    const made = createClient(url, cookie);
    closers.push(made.close);
    return made.client;
  };

  beforeAll(async () => {
    fake = await startFakeAnthropic();
    const env = {
      PORT: '0',
      DATABASE_URL: postgres?.url ?? '',
      REDIS_URL: redis?.url ?? '',
      REDIS_KEY_PREFIX: redis?.keyPrefix ?? '',
      ANTHROPIC_API_KEY: 'test-key',
      ANTHROPIC_BASE_URL: fake.url,
      // Shorter than what is left of the answer after the cut, so an answer followed only through
      // the other instance would be dropped if the instance giving it did not know of that listener.
      CHAT_RECONNECT_GRACE_MS: '1500',
      // One answer in progress per athlete per instance: a resume relayed by an instance is not one.
      CHAT_MAX_CONCURRENT_STREAMS: '1',
    };
    // One after the other: the first migrates and seeds the demo athlete.
    for (let i = 0; i < 2; i++) {
      const server = runEntry('src/main.ts', env);
      servers.push(server);
      ports.push(await waitForPort(server));
    }
    proxy = new RoundRobinProxy(ports);
    proxyUrl = await proxy.listen();
    cookie = await signIn(direct(0), 'demo@example.com', 'demo-password');
  });

  afterAll(async () => {
    for (const close of closers) close();
    await proxy?.close();
    for (const server of servers) server.child.kill('SIGKILL');
    await fake?.close();
    await postgres?.drop();
    await redis?.drop();
  });

  it('a client cut off mid-answer resumes the same answer on the other instance, busy or not: one model call, one charge', async () => {
    fake.setDefault({ text: LONG_ANSWER, tokenDelayMs: 40 });
    const usage = client(direct(1)).chat.usage;
    const usedBefore = (await usage.query()).messagesUsed;
    const callsBefore = fake.requests.length;
    // The other instance is busy with another answer of the athlete's, as many as the cap allows.
    const busy = streamAnswer(client(direct(1)), {
      universe: 'general',
      message: 'Keep the other instance busy',
      conversation: [],
      requestId: randomUUID(),
    });
    const requestId = randomUUID();
    let cut = false;
    const events = await streamAnswer(
      client(proxyUrl),
      { universe: 'general', message: 'What is today?', conversation: [], requestId },
      (event) => {
        if (!cut && event.data.type === 'token' && textOf([event]).includes('step5')) {
          cut = true;
          proxy.cutAll();
        }
      },
    );
    // The first WebSocket went to one instance, the reconnected one to the other.
    expect(proxy.routes).toEqual([0, 1]);
    expect(cut).toBe(true);
    expect(events.at(-1)?.data.type).toBe('done');
    expect(textOf(events)).toBe(LONG_ANSWER);
    const ids = events.map(({ id }) => Number(id.split(':')[1]));
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
    expect(new Set(ids).size).toBe(ids.length);
    expect((await busy).at(-1)?.data.type).toBe('done');
    const calls = fake.requests.slice(callsBefore);
    const callsForThis = calls.filter((call) =>
      JSON.stringify(call.body.messages).includes('What is today?'),
    );
    expect(callsForThis).toHaveLength(1);
    expect(callsForThis[0]?.completed).toBe(true);
    expect(calls).toHaveLength(2);
    expect((await usage.query()).messagesUsed - usedBefore).toBe(2);
    // The instance the client first reached gave the whole answer.
    const started = (server: RunningProcess) =>
      server
        .output()
        .split('\n')
        .some((line) => line.includes(requestId) && line.includes('"msg":"chat answer started"'));
    expect(servers.map(started)).toEqual([true, false]);
  });

  it('stops an answer from the instance that does not give it', async () => {
    fake.setDefault({ text: LONG_ANSWER, tokenDelayMs: 40 });
    const requestId = randomUUID();
    let stopped: Promise<{ stopped: boolean }> | undefined;
    const events = await streamAnswer(
      client(direct(0)),
      { universe: 'general', message: 'And tomorrow?', conversation: [], requestId },
      (event) => {
        if (!stopped && event.data.type === 'token') {
          stopped = client(direct(1)).chat.stop.mutate({ requestId });
        }
      },
    );
    expect(await stopped).toEqual({ stopped: true });
    expect(events.at(-1)?.data.type).toBe('done');
    expect(textOf(events).length).toBeLessThan(LONG_ANSWER.length);
    await expect.poll(() => fake.requests.at(-1)?.aborted).toBe(true);
    // Over now: a second stop finds nothing to stop.
    expect(await client(direct(1)).chat.stop.mutate({ requestId })).toEqual({ stopped: false });
  });

  it('a retry on one instance stops its first attempt, still answering on the other, before it answers', async () => {
    // The first attempt is long; the retry's answer is short and would be stored first.
    fake.script({ text: LONG_ANSWER, tokenDelayMs: 40 }, { text: 'Rest it today.' });
    const callsBefore = fake.requests.length;
    const first = randomUUID();
    const input = { universe: 'general' as const, message: 'My calf is tight', conversation: [] };
    let retry: Promise<TrackedEvent[]> | undefined;
    // Its client still listens (another tab, or a retry after a stall): nothing drops it.
    const firstEvents = await streamAnswer(
      client(direct(0)),
      { ...input, conversationId: 'new', requestId: first },
      (event) => {
        if (!retry && event.data.type === 'token') {
          retry = streamAnswer(client(direct(1)), {
            ...input,
            conversationId: 'new',
            requestId: randomUUID(),
            retryOf: first,
          });
        }
      },
    );
    const retried = (await retry) ?? [];

    expect(textOf(firstEvents).length).toBeLessThan(LONG_ANSWER.length);
    expect(fake.requests[callsBefore]?.aborted).toBe(true);
    const final = retried.at(-1)?.data;
    if (final?.type !== 'done' || final.conversationId === undefined) {
      throw new Error(`the retry ended with ${JSON.stringify(final)}`);
    }
    const stored = await client(direct(0)).conversations.get.query({ id: final.conversationId });
    expect(stored.messages.map((m) => [m.role, m.content, m.status])).toEqual([
      ['user', 'My calf is tight', null],
      ['assistant', 'Rest it today.', 'done'],
    ]);
  });

  it('a settings or journal change on one instance is in the next prompt the other builds', async () => {
    fake.setDefault({ text: 'Noted.' });
    const systemOfLastCall = () => JSON.stringify(fake.requests.at(-1)?.body.system);
    const ask = (message: string) =>
      streamAnswer(client(direct(1)), {
        universe: 'general',
        message,
        conversation: [],
        requestId: randomUUID(),
      });
    const settingsOnA = client(direct(0)).settings;
    await settingsOnA.update.mutate({ riskTolerance: 'conservative' });
    await ask('How risky is my week?');
    expect(systemOfLastCall()).toContain('ACWR high risk: above 1.20');
    // Cached on B now; the change on A must reach it before the next message.
    await settingsOnA.update.mutate({ riskTolerance: 'aggressive' });
    await ask('And now?');
    expect(systemOfLastCall()).toContain('ACWR high risk: above 1.50');
    // Likewise the journal: today's pain is in the facts of the day that B caches with the athlete.
    const journalOnA = client(direct(0)).journal;
    const { date } = await journalOnA.upsert.mutate({ painPercentage: 20 });
    await ask('Should I rest?');
    expect(systemOfLastCall()).toContain(`${date}: 20%`);
    await journalOnA.upsert.mutate({ painPercentage: 60 });
    await ask('And now?');
    expect(systemOfLastCall()).toContain(`${date}: 60%`);
  });

  it('a sign-out on one instance ends the session on the other at once, not at its next check', async () => {
    const leaving = await signIn(direct(0), 'demo@example.com', 'demo-password');
    const made = createClient(direct(1), leaving);
    closers.push(made.close);
    // Queries too over the WebSocket, whose session instance 1 checks only now and then.
    const overSocket = createTRPCClient<AppRouter>({ links: [wsLink({ client: made.wsClient })] });
    expect(await overSocket.auth.me.query()).toMatchObject({ email: 'demo@example.com' });
    const response = await fetch(`${direct(0)}/trpc/auth.logout`, {
      method: 'POST',
      headers: { cookie: leaving, 'content-type': 'application/json' },
    });
    expect(response.status).toBe(200);
    // Well within the 30 s an instance trusts a socket's session without asking the database.
    await expect.poll(() => overSocket.auth.me.query(), { timeout: 5_000 }).toBeNull();
    // The client may still be between connections (the server closed the signed-out socket, and
    // tRPC's client can fail a send made then with no code): such a transport failure is retried.
    const streamOnce = () =>
      streamAnswer(made.client, {
        universe: 'general',
        message: 'Still there?',
        conversation: [],
        requestId: randomUUID(),
      }).then(
        () => 'answered',
        (error: unknown) => codeOf(error) ?? 'transport failure',
      );
    await expect.poll(streamOnce, { timeout: 5_000 }).toBe('UNAUTHORIZED');
  });

  it('SIGTERM ends each instance cleanly, its Redis connections closed', async () => {
    for (const close of closers.splice(0)) close();
    for (const server of servers) server.child.kill('SIGTERM');
    expect(await Promise.all(servers.map((server) => server.exited))).toEqual([0, 0]);
    for (const server of servers) expect(server.output()).not.toMatch(/Redis connection error/);
  });
});
