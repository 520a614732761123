import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { streamAnswer } from './testing/chat-stream';
import { startTestApp, type TestApp } from './testing/test-app';
import { codeOf, createClient } from './testing/trpc-client';

// What the chat API lets an athlete do, over real HTTP and WebSocket, with the fake model.
let t: TestApp;
const clients: { close(): void }[] = [];

beforeAll(async () => {
  t = await startTestApp(
    { CHAT_DAILY_MESSAGE_LIMIT: '5', CHAT_MAX_CONCURRENT_STREAMS: '2' },
    { chatGraceMs: 300 },
  );
}, 120_000);
afterAll(async () => {
  for (const c of clients) c.close();
  await t.close();
});

/** A new athlete in `timezone`, signed in: their API client. */
async function newAthlete(timezone: string) {
  const response = await fetch(`${t.baseUrl}/trpc/auth.signup`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      email: `limits-${randomUUID()}@example.com`,
      password: 'a-long-password',
      displayName: 'Limits',
      timezone,
    }),
  });
  expect(response.status).toBe(200);
  const made = createClient(t.baseUrl, (response.headers.get('set-cookie') ?? '').split(';')[0]);
  clients.push(made);
  return made.client;
}

const question = () => ({
  universe: 'general' as const,
  message: 'How am I doing?',
  conversation: [],
  requestId: randomUUID(),
});

describe('the daily limit', () => {
  it('is not escaped by changing the time zone to one where it is already tomorrow', async () => {
    // UTC−11 and UTC+14: whatever the time of day, their dates differ.
    const api = await newAthlete('Pacific/Pago_Pago');
    for (let i = 0; i < 5; i++) {
      expect((await streamAnswer(api, question())).at(-1)?.data.type).toBe('done');
    }
    expect(codeOf(await streamAnswer(api, question()).catch((e: unknown) => e))).toBe(
      'TOO_MANY_REQUESTS',
    );
    await api.settings.update.mutate({ timezone: 'Pacific/Kiritimati' });
    expect(codeOf(await streamAnswer(api, question()).catch((e: unknown) => e))).toBe(
      'TOO_MANY_REQUESTS',
    );
    expect(await api.chat.usage.query()).toMatchObject({ messagesRemaining: 0 });
  });
});

describe('time zone changes', () => {
  it('a batch of them does one rebuild; the rest are refused at once with TOO_MANY_REQUESTS', async () => {
    const api = await newAthlete('UTC');
    const zones = [
      'Europe/Paris',
      'Asia/Tokyo',
      'America/Denver',
      'Pacific/Kiritimati',
      'Europe/Berlin',
      'Asia/Kolkata',
      'America/New_York',
      'Pacific/Pago_Pago',
    ];
    const results = await Promise.allSettled(
      zones.map((timezone) => api.settings.update.mutate({ timezone })),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const refused = results.flatMap((r) => (r.status === 'rejected' ? [codeOf(r.reason)] : []));
    expect(refused).toEqual(Array(7).fill('TOO_MANY_REQUESTS'));
  });
});

describe('streams in progress', () => {
  it('an athlete over the concurrent cap gets TOO_MANY_REQUESTS, with nothing reserved', async () => {
    t.fake.setDefault({ tokenDelayMs: 40 });
    const api = await newAthlete('UTC');
    const running = [streamAnswer(api, question()), streamAnswer(api, question())];
    await new Promise((resolve) => setTimeout(resolve, 200));
    const refused = await streamAnswer(api, question()).catch((e: unknown) => e);
    expect(codeOf(refused)).toBe('TOO_MANY_REQUESTS');
    expect((refused as Error).message).toMatch(/in progress\. Please wait/);
    await Promise.all(running);
    expect((await api.chat.usage.query()).messagesUsed).toBe(2);
    t.fake.setDefault({});
  });

  it('a resume at or past the final event ends at once', async () => {
    const api = await newAthlete('UTC');
    const input = question();
    const events = await streamAnswer(api, input);
    const resumed = await Promise.race([
      streamAnswer(api, { ...input, lastEventId: events.at(-1)?.id }),
      new Promise<'still open'>((resolve) => setTimeout(() => resolve('still open'), 2000)),
    ]);
    expect(resumed).toEqual([]);
  });
});
