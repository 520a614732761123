import { randomUUID } from 'node:crypto';
import { addDays, todayIn } from '@coach/metrics';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
      ['date', 'planned', 'prescribedWorkout', 'rationale', 'source', 'workoutType'].sort(),
    );
    expect(['rest', 'easy', 'long', 'tempo', 'intervals', 'recovery', 'race']).toContain(
      workout?.workoutType,
    );
  });
});
