import { randomUUID } from 'node:crypto';
import { describe, expect, it, vi } from 'vitest';
import { testAppForFile } from './testing/app-for-file';
import { streamAnswer } from './testing/chat-stream';
import { DEMO } from './testing/test-app';
import { codeOf, signIn } from './testing/trpc-client';

const file = testAppForFile();

const client = (cookie: string) => file.client(cookie);

/** A new athlete in Europe/Paris, signed up over HTTP as the page does. */
async function newAthlete() {
  const email = `racer-${randomUUID()}@example.com`;
  const response = await fetch(`${file.app.baseUrl}/trpc/auth.signup`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      email,
      password: 'a-long-password',
      displayName: 'Racer',
      timezone: 'Europe/Paris',
    }),
  });
  expect(response.status).toBe(200);
  return client((response.headers.get('set-cookie') ?? '').split(';')[0] ?? '');
}

async function failure(call: Promise<unknown>): Promise<{ code?: string; message: string }> {
  const error = await call.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).not.toBeNull();
  return { code: codeOf(error), message: (error as Error).message };
}

const inAYear = `${new Date().getUTCFullYear() + 1}-06-14`;

describe('races over the API', () => {
  it('adds, edits and deletes goals and results; the coach’s prompt carries them', async () => {
    const api = await newAthlete();
    const goal = await api.races.addGoal.mutate({
      name: 'Lakeside Half',
      raceDate: inAYear,
      distance: 'half_marathon',
      targetTimeSeconds: 5400,
      priority: 'A',
    });
    expect(goal).toMatchObject({ distanceMeters: 21_097.5, priority: 'A', notes: null });
    const result = await api.races.addResult.mutate({
      name: 'Autumn 10k',
      raceDate: '2025-10-12',
      distance: '10k',
      finishTimeSeconds: 2700,
    });
    expect(await api.coach.raceGoals.query()).toEqual([goal]);
    expect(await api.coach.raceHistory.query()).toEqual([result]);

    await streamAnswer(api, {
      universe: 'training_plan',
      message: 'How should I plan?',
      conversation: [],
      requestId: randomUUID(),
    });
    const prompt = JSON.stringify(file.app.fake.requests[0]?.body);
    expect(prompt).toContain('Lakeside Half');
    expect(prompt).toContain('Autumn 10k');

    const edited = await api.races.updateGoal.mutate({
      id: goal.id,
      name: 'Lakeside Half',
      raceDate: inAYear,
      distance: 20,
      priority: 'B',
      notes: 'Hilly',
    });
    expect(edited).toMatchObject({ distanceMeters: 20_000, priority: 'B', notes: 'Hilly' });
    await api.races.updateResult.mutate({
      id: result.id,
      name: result.name,
      raceDate: result.raceDate,
      distance: '10k',
      finishTimeSeconds: 2690,
    });
    expect(await api.races.deleteGoal.mutate({ id: goal.id })).toEqual({ id: goal.id });
    await api.races.deleteResult.mutate({ id: result.id });
    expect(await api.coach.raceGoals.query()).toEqual([]);
    expect(await api.coach.raceHistory.query()).toEqual([]);
  });

  it('leaves another athlete’s races untouched: their ids are NOT_FOUND', async () => {
    const demo = client(await signIn(file.app.baseUrl, DEMO.email, DEMO.password));
    const [demoGoal] = await demo.coach.raceGoals.query();
    const [demoResult] = await demo.coach.raceHistory.query();
    if (!demoGoal || !demoResult) throw new Error('the demo athlete has races');
    const before = [await demo.coach.raceGoals.query(), await demo.coach.raceHistory.query()];

    const stranger = await newAthlete();
    const fields = {
      name: 'Taken',
      raceDate: inAYear,
      distance: '5k' as const,
      priority: 'C' as const,
    };
    for (const call of [
      stranger.races.updateGoal.mutate({ id: demoGoal.id, ...fields }),
      stranger.races.deleteGoal.mutate({ id: demoGoal.id }),
      stranger.races.updateResult.mutate({
        ...fields,
        id: demoResult.id,
        raceDate: '2025-01-01',
        finishTimeSeconds: 1500,
        priority: undefined,
      } as never),
      stranger.races.deleteResult.mutate({ id: demoResult.id }),
    ]) {
      expect(await failure(call)).toEqual({
        code: 'NOT_FOUND',
        message: expect.stringMatching(/^No such race/),
      });
    }
    expect([await demo.coach.raceGoals.query(), await demo.coach.raceHistory.query()]).toEqual(
      before,
    );
    expect(await stranger.coach.raceGoals.query()).toEqual([]);
  });

  it('refuses bad input with BAD_REQUEST and a second A race with CONFLICT', async () => {
    const api = await newAthlete();
    const valid = { name: 'Goal', raceDate: inAYear, distance: 'marathon', priority: 'A' } as const;
    const bad = [
      { ...valid, raceDate: '2020-01-01' },
      { ...valid, distance: -5 },
      { ...valid, distance: '42k' },
      { ...valid, targetTimeSeconds: 600 },
      { ...valid, name: '' },
      { ...valid, priority: 'Z' },
    ];
    for (const input of bad) {
      expect((await failure(api.races.addGoal.mutate(input as never))).code).toBe('BAD_REQUEST');
    }
    const future = await failure(
      api.races.addResult.mutate({
        ...valid,
        priority: undefined,
        finishTimeSeconds: 9000,
      } as never),
    );
    expect(future).toEqual({
      code: 'BAD_REQUEST',
      message: expect.stringMatching(/today or earlier/),
    });
    expect((await failure(api.races.deleteGoal.mutate({ id: 2 ** 40 }))).code).toBe('BAD_REQUEST');
    expect(await api.coach.raceGoals.query()).toEqual([]);

    await api.races.addGoal.mutate(valid);
    const second = await failure(api.races.addGoal.mutate({ ...valid, name: 'Another' }));
    expect(second).toEqual({
      code: 'CONFLICT',
      message: expect.stringMatching(/^You already have an A race ahead: Goal on /),
    });
    expect(await api.coach.raceGoals.query()).toHaveLength(1);
  });
});

describe('after a change', () => {
  it('the athlete’s cached coach context is cleared; after a refused one it is kept', async () => {
    const api = await newAthlete();
    const { id } = (await api.auth.me.query()) ?? { id: 0 };
    const cleared = vi.spyOn(file.app.app.deps.contexts, 'clearUserCache');
    try {
      const goal = { name: 'Goal', raceDate: inAYear, distance: '10k', priority: 'A' } as const;
      const { id: goalId } = await api.races.addGoal.mutate(goal);
      await api.races.deleteGoal.mutate({ id: goalId });
      expect(cleared.mock.calls).toEqual([[id], [id]]);
      await failure(api.races.addGoal.mutate({ ...goal, raceDate: '2020-01-01' }));
      expect(cleared).toHaveBeenCalledTimes(2);
    } finally {
      cleared.mockRestore();
    }
  });
});

describe('availability over the API', () => {
  it('is saved in settings and refused with BAD_REQUEST when it does not hold together', async () => {
    const api = await newAthlete();
    expect((await api.settings.get.query()).availability).toBeNull();
    const saved = await api.settings.update.mutate({
      availability: { trainingDays: ['Saturday', 'Tuesday', 'Thursday'], longRunDay: 'Saturday' },
    });
    expect(saved.availability).toEqual({
      trainingDays: ['Tuesday', 'Thursday', 'Saturday'],
      longRunDay: 'Saturday',
    });
    for (const availability of [
      { trainingDays: [], longRunDay: 'Sunday' },
      { trainingDays: ['Monday'], longRunDay: 'Sunday' },
    ]) {
      const refused = await failure(api.settings.update.mutate({ availability } as never));
      expect(refused.code).toBe('BAD_REQUEST');
    }
    expect((await api.settings.get.query()).availability).toEqual(saved.availability);
  });
});
