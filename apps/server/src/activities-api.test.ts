import { randomUUID } from 'node:crypto';
import type { AppRouter } from '@coach/api';
import type { inferRouterInputs } from '@trpc/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from './testing/test-app';
import { codeOf, createClient, signUp } from './testing/trpc-client';

let t: TestApp;
const clients: { close(): void }[] = [];

beforeAll(async () => {
  t = await startTestApp();
}, 60_000);
afterAll(async () => {
  for (const made of clients) made.close();
  await t.close();
});

/** A new athlete, signed in, with a tRPC client of their own. */
async function newAthlete() {
  const email = `hand-${randomUUID()}@example.com`;
  const cookie = await signUp(t.baseUrl, email);
  const made = createClient(t.baseUrl, cookie);
  clients.push(made);
  const { id } = await t.app.deps.prisma.user.findUniqueOrThrow({ where: { email } });
  return { client: made.client, id };
}

type ManualActivityInput = inferRouterInputs<AppRouter>['activities']['create'];

const today = new Date().toISOString().slice(0, 10);
const run: ManualActivityInput = {
  date: today,
  time: '00:00',
  type: 'run',
  name: 'Easy run',
  distance: 8,
  durationSeconds: 2700,
};

describe('activities over the API', () => {
  it('add, list, edit and delete by hand; the metrics and the coach’s context follow', async () => {
    const { client, id: userId } = await newAthlete();
    const cleared: number[] = [];
    const clear = t.app.deps.contexts.clearUserCache.bind(t.app.deps.contexts);
    t.app.deps.contexts.clearUserCache = (id: number) => {
      cleared.push(id);
      clear(id);
    };
    try {
      const { id } = await client.activities.create.mutate(run);
      expect(await client.coach.currentMetrics.query()).not.toBeNull();
      expect((await client.activities.list.query({ limit: 10 })).items).toEqual([
        expect.objectContaining({ id, name: 'Easy run', distance: 8, editable: true }),
      ]);
      await client.activities.update.mutate({ id, activity: { ...run, distance: 12 } });
      expect((await client.activities.list.query({})).items[0]?.distance).toBe(12);
      await client.activities.delete.mutate({ id });
      expect((await client.activities.list.query({})).items).toEqual([]);
      expect(await t.app.deps.prisma.dailyMetrics.count({ where: { userId } })).toBe(0);
    } finally {
      t.app.deps.contexts.clearUserCache = clear;
    }
    expect(cleared).toEqual([userId, userId, userId]);
  });

  it('another athlete’s activity is not found; signed out is refused', async () => {
    const owner = await newAthlete();
    const intruder = await newAthlete();
    const { id } = await owner.client.activities.create.mutate(run);
    const refused = await intruder.client.activities.delete.mutate({ id }).catch(codeOf);
    expect(refused).toBe('NOT_FOUND');
    const edit = { id, activity: { ...run, distance: 1 } };
    expect(await intruder.client.activities.update.mutate(edit).catch(codeOf)).toBe('NOT_FOUND');
    expect((await owner.client.activities.list.query({})).items).toHaveLength(1);

    const anonymous = createClient(t.baseUrl);
    clients.push(anonymous);
    expect(await anonymous.client.activities.list.query({}).catch(codeOf)).toBe('UNAUTHORIZED');
    expect(await anonymous.client.activities.create.mutate(run).catch(codeOf)).toBe('UNAUTHORIZED');
  });

  it('bad values are refused with a message', async () => {
    const { client } = await newAthlete();
    const error = await client.activities.create
      .mutate({ ...run, perceivedEffort: 12 })
      .catch((caught: Error) => caught);
    expect(codeOf(error)).toBe('BAD_REQUEST');
    expect((error as Error).message).toMatch(/10/);
  });
});
