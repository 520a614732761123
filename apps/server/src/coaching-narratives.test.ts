import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { streamAnswer } from './testing/chat-stream';
import { startTestApp, type TestApp } from './testing/test-app';
import { createClient, signUp } from './testing/trpc-client';

const WORDS = 'Start gently: your first week is about finding an easy rhythm.';

let t: TestApp;
const closers: { close(): void }[] = [];
beforeAll(async () => {
  t = await startTestApp({ COACHING_NARRATIVES: 'true' });
}, 60_000);
afterAll(async () => {
  for (const c of closers) c.close();
  await t.close();
});

describe('coaching narratives (COACHING_NARRATIVES with a model key)', () => {
  it("today's workout carries the model's narrative beside the engine's prescription", async () => {
    const cookie = await signUp(t.baseUrl, `narrated-${randomUUID()}@example.com`);
    const made = createClient(t.baseUrl, cookie);
    closers.push(made);
    t.fake.reset();
    t.fake.script({ text: WORDS });
    // The first request coaches the day; the narrative follows without holding it up.
    await made.client.coach.weekProgram.query();
    await t.app.deps.coaching.narrativesWritten();
    const workout = await made.client.coach.todaysWorkout.query();
    expect(workout).toMatchObject({ source: 'recommendation', narrative: WORDS });
    expect(workout?.rationale).not.toContain(WORDS);
    expect(t.fake.requests).toHaveLength(1);
    expect(JSON.stringify(t.fake.requests[0]?.body)).toContain(workout?.prescribedWorkout);

    // The coach is given the same narrative with today's workout.
    t.fake.reset();
    await streamAnswer(made.client, {
      universe: 'todays_workout',
      message: 'Why this session today?',
      conversation: [],
    });
    expect(JSON.stringify(t.fake.requests[0]?.body.system)).toContain(WORDS);
  });

  it('a narrative written after the chat cached its context reaches the chat at once, here and on the other instances', async () => {
    const email = `narrated-${randomUUID()}@example.com`;
    const made = createClient(t.baseUrl, await signUp(t.baseUrl, email));
    closers.push(made);
    const { deps } = t.app;
    const { id } = await deps.prisma.user.findUniqueOrThrow({ where: { email } });
    // The day is coached while the model refuses: no narrative yet.
    t.fake.reset();
    t.fake.setDefault({ status: 400 });
    await made.client.coach.weekProgram.query();
    await deps.coaching.narrativesWritten();
    expect((await made.client.coach.todaysWorkout.query())?.narrative).toBeNull();

    // The chat caches today's context, without a narrative.
    const ask = async () => {
      t.fake.reset();
      await streamAnswer(made.client, {
        universe: 'todays_workout',
        message: 'Why this session today?',
        conversation: [],
      });
      return JSON.stringify(t.fake.requests[0]?.body.system);
    };
    expect(await ask()).not.toContain(WORDS);

    // A later run writes the narrative (the change that asked for it had dropped the cache before).
    const announced: number[] = [];
    const announce = deps.athleteChanges.announce;
    deps.athleteChanges.announce = async (userId) => {
      announced.push(userId);
      await announce(userId);
    };
    try {
      t.fake.reset();
      t.fake.script({ text: WORDS });
      await deps.coaching.rerun(id, 'journal');
      await deps.coaching.narrativesWritten();
    } finally {
      deps.athleteChanges.announce = announce;
    }
    expect((await made.client.coach.todaysWorkout.query())?.narrative).toBe(WORDS);
    expect(announced).toEqual([id]);
    expect(await ask()).toContain(WORDS);
  });
});
