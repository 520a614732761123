import { randomUUID } from 'node:crypto';
import { addDays, todayIn } from '@coach/metrics';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { streamAnswer } from './testing/chat-stream';
import { startTestApp, type TestApp } from './testing/test-app';
import { createClient, signUp } from './testing/trpc-client';

let t: TestApp;
const closers: { close(): void }[] = [];

beforeAll(async () => {
  t = await startTestApp();
}, 60_000);
afterAll(async () => {
  for (const c of closers) c.close();
  await t.close();
});

async function newAthlete() {
  const email = `runner-${randomUUID()}@example.com`;
  const cookie = await signUp(t.baseUrl, email);
  const { id, timezone } = await t.app.deps.prisma.user.findUniqueOrThrow({ where: { email } });
  const made = createClient(t.baseUrl, cookie);
  closers.push(made);
  return { api: made.client, id, today: todayIn(timezone) };
}

describe("the coach's day", () => {
  it("is made on the athlete's first request of the day, once", async () => {
    const { api, id } = await newAthlete();
    await Promise.all([api.auth.me.query(), api.coach.weekProgram.query(), api.chat.usage.query()]);
    const workout = await api.coach.todaysWorkout.query();
    expect(workout).toMatchObject({ source: 'recommendation', workoutType: expect.any(String) });
    expect(await t.app.deps.prisma.dailyRecommendation.count({ where: { userId: id } })).toBe(1);
    expect((await api.coach.weekProgram.query())?.stage).toBe('base');
  });

  it('is made again when a race goal is added, keeping the contract’s shape', async () => {
    const { api, id, today } = await newAthlete();
    await api.auth.me.query();
    const before = await t.app.deps.prisma.weeklyProgram.count({ where: { userId: id } });
    await api.races.addGoal.mutate({
      name: 'Autumn marathon',
      raceDate: addDays(today, 16 * 7),
      distance: 'marathon',
      priority: 'A',
    });
    const programs = await t.app.deps.prisma.weeklyProgram.findMany({
      where: { userId: id },
      orderBy: { weekStart: 'asc' },
    });
    expect(programs.length).toBeGreaterThan(before);
    expect(programs.at(-1)?.stage).toBe('recovery');
    const workout = await api.coach.todaysWorkout.query();
    expect(Object.keys(workout ?? {}).sort()).toEqual(
      [
        'date',
        'narrative',
        'planned',
        'prescribedWorkout',
        'rationale',
        'source',
        'workoutType',
      ].sort(),
    );
    expect(['rest', 'easy', 'long', 'tempo', 'intervals', 'recovery', 'race']).toContain(
      workout?.workoutType,
    );
  });
});

describe('one assessment', () => {
  it('the page and the prompt the model receives agree on the day’s status', async () => {
    const { api, today } = await newAthlete();
    // Two weeks of runs with a rest day every fourth day (no rule mandates rest from the training).
    for (let day = 14; day >= 1; day -= 1) {
      if (day % 4 === 0) continue;
      await api.activities.create.mutate({
        date: addDays(today, -day),
        type: 'run',
        distance: 6,
        durationSeconds: 35 * 60,
        averageHeartRate: 140,
      });
    }
    // Pain that would mandate rest (checked before history), but ten days ago: not recent any more,
    // for the page or the chat (the chat used to read the last two pain answers, however old).
    for (const day of [11, 10]) {
      await api.journal.upsert.mutate({ date: addDays(today, -day), painPercentage: 80 });
    }
    const page = await api.coach.currentMetrics.query();
    t.fake.reset();
    await streamAnswer(api, { universe: 'general', message: 'How am I doing?', conversation: [] });
    const [request] = t.fake.requests;
    const system = JSON.stringify(request?.body ?? '');
    const prompted = /Training State: (\w+);/.exec(system)?.[1];
    expect(page?.assessment.status).not.toBe('mandatory_rest');
    expect(prompted).toBe(page?.assessment.status);
    // Nothing recorded today yet: both show yesterday's metrics and say so.
    expect(page).toMatchObject({ asOf: 'yesterday', date: addDays(today, -1) });
    expect(system).toMatch(/metrics as of yesterday: today has no activity yet/);
    const daysSinceRest = /Training State: [^"]*?; (\d+) days since rest/.exec(system)?.[1];
    expect(Number(daysSinceRest)).toBe(page?.daysSinceRest);
  });
});
