import { randomUUID } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { activityFixture, writeSixWeeksExport } from '@coach/activity-files/testing';
import { addRaceGoal, createActivity } from '@coach/athlete-data';
import { catchUpCoaching } from '@coach/coaching-runs';
import { readPlannedDays } from '@coach/db';
import { addDays, type LocalDate, mondayOf, todayIn, toUtcMidnight } from '@coach/metrics';
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
  return { api: made.client, cookie, id, today: todayIn(timezone) };
}

/** Six weeks of an easy 8 km every other day, the last two days ago. */
async function sixWeeksOfEasyRuns(id: number, today: LocalDate): Promise<void> {
  for (let day = 42; day >= 2; day -= 2) {
    await createActivity(t.app.deps.prisma, id, {
      date: addDays(today, -day),
      type: 'run',
      distance: 8,
      durationSeconds: 45 * 60,
      averageHeartRate: 145,
    });
  }
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

describe('a change reruns what it affects', () => {
  it('a late activity rewrites that day’s autopsy only; a journal entry none', async () => {
    const { api, id, today } = await newAthlete();
    const { prisma } = t.app.deps;
    await sixWeeksOfEasyRuns(id, today);
    await catchUpCoaching(prisma, id, addDays(today, -6));
    // xmin is the transaction that last wrote the row: a row updated, even to the same values, gets a new one.
    const versions = async () =>
      Object.fromEntries(
        (
          await prisma.$queryRaw<{ id: number; date: string; version: string }[]>`
            SELECT id, date::text AS date, xmin::text AS version
            FROM ai_autopsies WHERE user_id = ${id} ORDER BY date`
        ).map((row) => [row.date, `${row.id}@${row.version}`]),
      );
    const before = await versions();
    const late = addDays(today, -3);
    expect(Object.keys(before)).toContain(late);
    expect(Object.keys(before).length).toBeGreaterThanOrEqual(5);

    await api.activities.create.mutate({
      date: late,
      time: '18:00',
      type: 'run',
      distance: 7,
      durationSeconds: 40 * 60,
      averageHeartRate: 150,
    });
    const after = await versions();
    const changed = Object.keys(after).filter((date) => after[date] !== before[date]);
    expect(changed).toEqual([late]);
    // Same row, written again.
    expect(after[late]?.split('@')[0]).toBe(before[late]?.split('@')[0]);

    await api.journal.upsert.mutate({ date: today, energyLevel: 2 });
    expect(await versions()).toEqual(after);
  });

  /** What the test writes over the stored plan and recommendation, to see whether a run rewrote them. */
  const BEFORE = 'written before the change';

  it('an activity, a journal entry, an import or a memory rewrite today and the late day’s autopsy, not the plan; availability and races plan again', async () => {
    const { api, cookie, id, today } = await newAthlete();
    const { prisma } = t.app.deps;
    const yesterday = addDays(today, -1);
    // Six weeks of an easy 8 km every other day (none yesterday), an A half marathon in 13 weeks,
    // coached yesterday and today.
    await sixWeeksOfEasyRuns(id, today);
    await addRaceGoal(prisma, id, {
      name: 'Spring half',
      raceDate: addDays(today, 13 * 7),
      distance: 'half_marathon',
      priority: 'A',
    });
    await catchUpCoaching(prisma, id, yesterday);

    const comingWeeks = {
      userId: id,
      weekStart: { gte: toUtcMidnight(addDays(mondayOf(today), 7)) },
    };
    const todays = { userId_date: { userId: id, date: toUtcMidnight(today) } };
    const yesterdays = { userId_date: { userId: id, date: toUtcMidnight(yesterday) } };
    const programs = () =>
      prisma.weeklyProgram.findMany({ where: comingWeeks, orderBy: { weekStart: 'asc' } });
    /** Marks the coming weeks and today's recommendation: a run that rewrites them clears the mark. */
    const mark = async () => {
      await prisma.weeklyProgram.updateMany({ where: comingWeeks, data: { focus: BEFORE } });
      await prisma.dailyRecommendation.update({ where: todays, data: { rationale: BEFORE } });
      return programs();
    };
    const todaysRationale = async () =>
      (await prisma.dailyRecommendation.findUniqueOrThrow({ where: todays })).rationale;

    const planned = await mark();
    expect(planned.length).toBeGreaterThan(5);
    const missed = await prisma.autopsy.findUniqueOrThrow({ where: yesterdays });

    // Yesterday's run, added late by hand: today and yesterday's autopsy again, the plan stands.
    await api.activities.create.mutate({
      date: yesterday,
      time: '18:00',
      type: 'run',
      distance: 7,
      durationSeconds: 40 * 60,
      averageHeartRate: 150,
    });
    expect(await programs()).toEqual(planned);
    expect(await todaysRationale()).not.toBe(BEFORE);
    const scored = await prisma.autopsy.findUniqueOrThrow({ where: yesterdays });
    expect(scored.actualActivities).not.toBe(missed.actualActivities);
    expect(scored.actualActivities).toContain('7.0 km');

    // A journal entry.
    expect(await mark()).toEqual(planned);
    await api.journal.upsert.mutate({ date: today, energyLevel: 2 });
    expect(await programs()).toEqual(planned);
    expect(await todaysRationale()).not.toBe(BEFORE);

    // An upload.
    await mark();
    const gpx = await readFile(activityFixture('hill-run.gpx'));
    const upload = await fetch(`${t.baseUrl}/api/activities/import`, {
      method: 'POST',
      body: gpx,
      headers: { cookie, 'content-type': 'application/octet-stream', 'x-file-name': 'hill.gpx' },
    });
    expect(await upload.json()).toMatchObject({ summary: { imported: 1 } });
    expect(await programs()).toEqual(planned);
    expect(await todaysRationale()).not.toBe(BEFORE);

    // Something the athlete told the coach to keep (a current injury weighs on today).
    await mark();
    await api.memory.add.mutate({ kind: 'injury', text: 'Sore left calf', since: yesterday });
    expect(await programs()).toEqual(planned);
    expect(await todaysRationale()).not.toBe(BEFORE);

    // Availability: the coming weeks are planned again.
    await mark();
    await api.settings.update.mutate({
      availability: { trainingDays: ['Tuesday', 'Thursday', 'Saturday'], longRunDay: 'Saturday' },
    });
    const replanned = await programs();
    expect(replanned.map((week) => week.focus)).not.toContain(BEFORE);
    expect(replanned.map((week) => week.days)).not.toEqual(planned.map((week) => week.days));

    // A race goal: again.
    await mark();
    await api.races.addGoal.mutate({
      name: 'Tune-up 10k',
      raceDate: addDays(today, 6 * 7),
      distance: '10k',
      priority: 'B',
    });
    expect((await programs()).map((week) => week.focus)).not.toContain(BEFORE);
  });
});

/** The six weeks' Strava export, as the bytes an upload sends. */
async function sixWeeksExport(today: LocalDate): Promise<Buffer> {
  const folder = await mkdtemp(join(tmpdir(), 'coaching-import-'));
  try {
    const zip = join(folder, 'export.zip');
    await writeSixWeeksExport(zip, today);
    return await readFile(zip);
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}

describe('a new athlete who imports their history', () => {
  it('gets the coming weeks planned on the imported base the same day; one more run keeps them', async () => {
    const { api, cookie, id, today } = await newAthlete();
    const { prisma } = t.app.deps;
    const nextWeek = addDays(mondayOf(today), 7);
    const programs = () =>
      prisma.weeklyProgram.findMany({ where: { userId: id }, orderBy: { weekStart: 'asc' } });
    const nextWeekKm = async () => {
      const week = (await programs()).find(
        (p) => p.weekStart.getTime() === toUtcMidnight(nextWeek).getTime(),
      );
      return readPlannedDays(week?.days).reduce(
        (km, day) => km + day.plannedDistanceMeters / 1000,
        0,
      );
    };

    // The first request plans on no history.
    await api.coach.weekProgram.query();
    expect((await programs())[0]?.trainingBaseKm).toBe(0);
    const plannedOnNothing = await nextWeekKm();

    const upload = await fetch(`${t.baseUrl}/api/activities/import`, {
      method: 'POST',
      body: await sixWeeksExport(today),
      headers: { cookie, 'content-type': 'application/octet-stream', 'x-file-name': 'export.zip' },
    });
    expect(await upload.json()).toMatchObject({ summary: { imported: 21 } });
    // Six weeks of 30 to 40 km: the plan now grows from about that.
    const rebuilt = await programs();
    for (const week of rebuilt) expect(week.trainingBaseKm).toBeGreaterThan(25);
    const plannedOnHistory = await nextWeekKm();
    expect(plannedOnHistory).toBeGreaterThan(25);
    expect(plannedOnHistory).toBeGreaterThan(plannedOnNothing + 10);

    // An ordinary run yesterday moves the base by a few km: the plan's rows stay as they are.
    await api.activities.create.mutate({
      date: addDays(today, -1),
      time: '07:00',
      type: 'run',
      distance: 10,
      durationSeconds: 55 * 60,
      averageHeartRate: 145,
    });
    expect(await programs()).toEqual(rebuilt);
  });
});

describe('one assessment', () => {
  it('the page and the prompt the model receives agree on the day’s status and workout', async () => {
    const { api, id, today } = await newAthlete();
    // Five weeks of runs with a rest day every fourth day (no rule mandates rest from the training),
    // enough for ACWRs; the last two weeks through the API.
    for (let day = 35; day >= 1; day -= 1) {
      if (day % 4 === 0) continue;
      const run = {
        date: addDays(today, -day),
        type: 'run' as const,
        distance: 6,
        durationSeconds: 35 * 60,
        averageHeartRate: 140,
      };
      if (day > 14) await createActivity(t.app.deps.prisma, id, run);
      else await api.activities.create.mutate(run);
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

    // Today's workout: the page's recommendation rests on the numbers the page shows, and the
    // coach is given that same recommendation.
    const workout = await api.coach.todaysWorkout.query();
    expect(workout).toMatchObject({ source: 'recommendation', date: today });
    expect(workout?.rationale).toContain(`As of ${page?.date}:`);
    expect(workout?.rationale).toContain(`external ACWR ${page?.externalAcwr?.toFixed(2)}`);
    expect(workout?.rationale).toContain(`internal ACWR ${page?.internalAcwr?.toFixed(2)}`);
    expect(workout?.rationale).toContain(`${page?.daysSinceRest} days since rest`);
    t.fake.reset();
    await streamAnswer(api, {
      universe: 'todays_workout',
      message: 'What should I run today?',
      conversation: [],
    });
    const blocks = t.fake.requests[0]?.body.system ?? [];
    const prompt = (typeof blocks === 'string' ? [blocks] : blocks.map((b) => b.text)).join('\n');
    expect(prompt).toContain(workout?.prescribedWorkout);
    expect(prompt).toContain(workout?.rationale);
    expect(prompt).toContain(`Training State: ${page?.assessment.status};`);
  });
});
