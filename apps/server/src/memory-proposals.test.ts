import { randomUUID } from 'node:crypto';
import { MEMORY_MAX_ITEMS } from '@coach/athlete-data';
import { addDays, todayIn } from '@coach/metrics';
import { describe, expect, it } from 'vitest';
import { testAppForFile } from './testing/app-for-file';
import { streamAnswer } from './testing/chat-stream';
import { codeOf, signUp } from './testing/trpc-client';

// What the coach proposes to keep, over a real tRPC client against the real server and the fake
// model: kept only when the athlete accepts it.
const file = testAppForFile();

async function newAthlete() {
  return file.client(await signUp(file.app.baseUrl, `proposal-${randomUUID()}@example.com`));
}
type Api = Awaited<ReturnType<typeof newAthlete>>;

/**
 * Sends one message in a saved conversation ('new' starts one); the model answers `reply` when
 * given. Returns the done event and everything the fake model received (prompt and history).
 */
async function ask(api: Api, conversationId: number | 'new', reply?: string) {
  file.app.fake.reset();
  if (reply !== undefined) file.app.fake.script({ text: reply });
  const events = await streamAnswer(api, {
    universe: 'general',
    message: 'My left calf has been tight since Friday.',
    conversation: [],
    conversationId,
    requestId: randomUUID(),
  });
  const done = events.at(-1)?.data;
  if (done?.type !== 'done') throw new Error(`the answer ended with ${JSON.stringify(done)}`);
  expect(file.app.fake.requests).toHaveLength(1);
  return { done, sent: JSON.stringify(file.app.fake.requests[0]?.body) };
}

const CALF = 'Left calf tight since 20 Nov';

/** A new conversation whose answer proposes keeping the calf; its proposal and conversation. */
async function proposeCalf(api: Api) {
  const { done } = await ask(api, 'new', `Ease off for a few days.\n[remember: injury | ${CALF}]`);
  if (!done.proposal || done.conversationId === undefined) throw new Error('nothing proposed');
  expect(done.proposal).toEqual({ id: expect.any(Number), kind: 'injury', text: CALF });
  return { proposal: done.proposal, conversationId: done.conversationId };
}

/** The proposal as the reopened conversation shows it under its answer. */
async function shownIn(api: Api, conversationId: number) {
  const { messages } = await api.conversations.get.query({ id: conversationId });
  expect(messages.map((message) => message.content)).not.toContain(
    expect.stringContaining('[remember'),
  );
  return messages.find((message) => message.role === 'assistant')?.proposal;
}

describe('a memory item the coach proposes', () => {
  it('is pending until accepted: then it is in the memory and the next prompt, once', async () => {
    const api = await newAthlete();
    const { proposal, conversationId } = await proposeCalf(api);
    expect(await api.memory.list.query()).toEqual([]);
    expect(await shownIn(api, conversationId)).toEqual({ ...proposal, status: 'pending' });
    // Pending is not memory: neither the prompt nor the stored history carries it.
    expect((await ask(api, conversationId)).sent).not.toContain(CALF);

    const accepted = await api.memory.answerProposal.mutate({ id: proposal.id, accept: true });
    expect(accepted).toEqual({ ...proposal, status: 'accepted' });
    const items = await api.memory.list.query();
    expect(items).toMatchObject([{ kind: 'injury', text: CALF, source: 'coach', current: true }]);
    expect(items[0]?.since).toMatch(/^\d{4}-11-20$/);
    expect((await ask(api, 'new')).sent).toContain(
      `injury (current, since ${items[0]?.since}): <athlete_note>${CALF}</athlete_note>`,
    );

    // Accepting again, or refusing after, changes nothing: one item, still accepted.
    await api.memory.answerProposal.mutate({ id: proposal.id, accept: true });
    expect(await api.memory.answerProposal.mutate({ id: proposal.id, accept: false })).toEqual({
      ...proposal,
      status: 'accepted',
    });
    expect(await api.memory.list.query()).toHaveLength(1);
    expect(await shownIn(api, conversationId)).toEqual({ ...proposal, status: 'accepted' });
    expect(JSON.stringify(file.app.logs)).not.toContain('calf tight');
  });

  it('accepted, is dated from its words as of the day proposed, in the athlete’s time zone', async () => {
    const api = await newAthlete();
    await api.settings.update.mutate({ timezone: 'Pacific/Kiritimati' });
    const today = todayIn('Pacific/Kiritimati');
    // The most recent 20 November up to the athlete's today.
    const year = Number(today.slice(0, 4)) - (today.slice(5) < '11-20' ? 1 : 0);
    const { proposal } = await proposeCalf(api);
    const hip = 'Right hip sore for a week';
    const { done } = await ask(api, 'new', `Noted.\n[remember: injury | ${hip}]`);
    const hipProposal = done.proposal;
    if (!hipProposal) throw new Error('nothing proposed');

    for (const { id } of [proposal, hipProposal]) {
      await api.memory.answerProposal.mutate({ id, accept: true });
    }
    expect(await api.memory.list.query()).toMatchObject([
      { text: hip, since: addDays(today, -7) },
      { text: CALF, since: `${year}-11-20` },
    ]);
  });

  it('refused, keeps nothing: not in the memory, not in the next prompt', async () => {
    const api = await newAthlete();
    const { proposal, conversationId } = await proposeCalf(api);
    const refused = await api.memory.answerProposal.mutate({ id: proposal.id, accept: false });
    expect(refused).toEqual({ ...proposal, status: 'refused' });
    await api.memory.answerProposal.mutate({ id: proposal.id, accept: true });
    expect(await api.memory.list.query()).toEqual([]);
    expect((await ask(api, 'new')).sent).not.toContain(CALF);
    expect(await shownIn(api, conversationId)).toEqual({ ...proposal, status: 'refused' });
  });

  it('is the athlete’s alone: another athlete’s answer to it is NOT_FOUND', async () => {
    const api = await newAthlete();
    const other = await newAthlete();
    const { proposal, conversationId } = await proposeCalf(api);
    for (const accept of [true, false]) {
      const error = await other.memory.answerProposal.mutate({ id: proposal.id, accept }).then(
        () => null,
        (e: unknown) => e,
      );
      expect(codeOf(error)).toBe('NOT_FOUND');
    }
    expect(await other.memory.list.query()).toEqual([]);
    expect(await shownIn(api, conversationId)).toEqual({ ...proposal, status: 'pending' });
  });

  it('accepted past the memory’s cap is CONFLICT, and stays pending', async () => {
    const api = await newAthlete();
    const { proposal, conversationId } = await proposeCalf(api);
    for (let i = 0; i < MEMORY_MAX_ITEMS; i += 1) {
      await api.memory.add.mutate({ kind: 'preference', text: `preference ${i}` });
    }
    const error = await api.memory.answerProposal.mutate({ id: proposal.id, accept: true }).then(
      () => null,
      (e: unknown) => e,
    );
    expect(codeOf(error)).toBe('CONFLICT');
    expect(await api.memory.list.query()).toHaveLength(MEMORY_MAX_ITEMS);
    expect(await shownIn(api, conversationId)).toEqual({ ...proposal, status: 'pending' });
  });
});
