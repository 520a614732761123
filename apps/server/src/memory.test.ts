import { randomUUID } from 'node:crypto';
import { MEMORY_MAX_ITEMS } from '@coach/athlete-data';
import type { Universe } from '@coach/prompts';
import { describe, expect, it } from 'vitest';
import { testAppForFile } from './testing/app-for-file';
import { streamAnswer } from './testing/chat-stream';
import { codeOf, failureCode, signUp } from './testing/trpc-client';

// "What your coach knows" over a real tRPC client against the real server and the fake model.
const file = testAppForFile();

async function newAthlete() {
  const email = `memory-${randomUUID()}@example.com`;
  return { api: file.client(await signUp(file.app.baseUrl, email)), email };
}
type Api = Awaited<ReturnType<typeof newAthlete>>['api'];

/** The system prompt the fake model received for one question in a universe. */
async function promptFor(api: Api, universe: Universe): Promise<string> {
  file.app.fake.reset();
  const events = await streamAnswer(api, {
    universe,
    message: 'What should I do today?',
    conversation: [],
    requestId: randomUUID(),
  });
  expect(events.at(-1)?.data.type).toBe('done');
  expect(file.app.fake.requests).toHaveLength(1);
  return JSON.stringify(file.app.fake.requests[0]?.body.system);
}

describe('the athlete’s memory over the API', () => {
  it('adds, lists, edits, resolves and deletes items', async () => {
    const { api } = await newAthlete();
    expect(await api.memory.list.query()).toEqual([]);
    const calf = await api.memory.add.mutate({
      kind: 'injury',
      text: 'Left calf tight',
      since: '2026-01-20',
    });
    const tuesdays = await api.memory.add.mutate({ kind: 'constraint', text: 'No Tuesdays' });
    expect(calf).toMatchObject({ kind: 'injury', since: '2026-01-20', current: true });
    expect(tuesdays).toMatchObject({ since: null, current: true, source: 'athlete' });

    const resolved = await api.memory.update.mutate({
      id: calf.id,
      kind: 'injury',
      text: 'Left calf tight after the hills',
      since: '2026-01-20',
      current: false,
    });
    expect(resolved).toMatchObject({ text: 'Left calf tight after the hills', current: false });
    expect((await api.memory.list.query()).map((item) => item.id)).toEqual([tuesdays.id, calf.id]);

    expect(await api.memory.delete.mutate({ id: calf.id })).toEqual({ id: calf.id });
    expect((await api.memory.list.query()).map((item) => item.text)).toEqual(['No Tuesdays']);
    expect(await failureCode(api.memory.delete.mutate({ id: calf.id }))).toBe('NOT_FOUND');
  });

  it('refuses bad input with BAD_REQUEST and the item past the cap with CONFLICT', async () => {
    const { api } = await newAthlete();
    expect(await failureCode(api.memory.add.mutate({ kind: 'injury', text: '' }))).toBe(
      'BAD_REQUEST',
    );
    expect(
      await failureCode(api.memory.add.mutate({ kind: 'injury', text: 'x', since: '2999-01-01' })),
    ).toBe('BAD_REQUEST');
    for (let i = 0; i < MEMORY_MAX_ITEMS; i += 1) {
      await api.memory.add.mutate({ kind: 'preference', text: `preference ${i}` });
    }
    const error: unknown = await api.memory.add
      .mutate({ kind: 'goal', text: 'one too many' })
      .catch((e: unknown) => e);
    expect(codeOf(error)).toBe('CONFLICT');
    expect((error as Error).message).toContain(`at most ${MEMORY_MAX_ITEMS}`);
  });

  it('is each athlete’s alone: another cannot read, edit or delete it', async () => {
    const owner = await newAthlete();
    const other = await newAthlete();
    const item = await owner.api.memory.add.mutate({ kind: 'health', text: 'Asthma, mild' });

    expect(await other.api.memory.list.query()).toEqual([]);
    expect(
      await failureCode(
        other.api.memory.update.mutate({ id: item.id, kind: 'health', text: 'changed' }),
      ),
    ).toBe('NOT_FOUND');
    expect(await failureCode(other.api.memory.delete.mutate({ id: item.id }))).toBe('NOT_FOUND');
    expect(await owner.api.memory.list.query()).toEqual([item]);
    expect(await promptFor(other.api, 'general')).not.toContain('Asthma, mild');
  });

  it('reaches the next prompt in every universe at once, fenced, and leaves it once deleted', async () => {
    const { api } = await newAthlete();
    // A first question caches the athlete's context: the change must drop it.
    expect(await promptFor(api, 'general')).not.toContain('WHAT THE ATHLETE HAS TOLD YOU');

    const calf = await api.memory.add.mutate({ kind: 'injury', text: 'Left calf tight' });
    for (const universe of ['general', 'todays_workout'] as const) {
      expect(await promptFor(api, universe)).toContain(
        'injury (current): <athlete_note>Left calf tight</athlete_note>',
      );
    }

    await api.memory.delete.mutate({ id: calf.id });
    expect(await promptFor(api, 'progress')).not.toContain('Left calf tight');
  });

  it('goes with the account', async () => {
    const { api, email } = await newAthlete();
    await api.memory.add.mutate({ kind: 'goal', text: 'Run a sub-20 5k' });
    const user = await file.app.database.prisma.user.findUniqueOrThrow({ where: { email } });
    await file.app.database.prisma.user.delete({ where: { id: user.id } });
    expect(await file.app.database.prisma.athleteMemory.count({ where: { userId: user.id } })).toBe(
      0,
    );
  });
});
