import { randomUUID } from 'node:crypto';
import { MEMORY_MAX_ITEMS } from '@coach/athlete-data';
import { addDays, todayIn } from '@coach/metrics';
import { describe, expect, it } from 'vitest';
import { testAppForFile } from './testing/app-for-file';
import { streamAnswer } from './testing/chat-stream';
import { signUp } from './testing/trpc-client';

// "Remember that …" in chat, over a real tRPC client against the real server and the fake model.
const file = testAppForFile();

async function newAthlete() {
  return file.client(await signUp(file.app.baseUrl, `remember-${randomUUID()}@example.com`));
}
type Api = Awaited<ReturnType<typeof newAthlete>>;

/** Sends one message; returns its done event and the system prompt the fake model received. */
async function ask(api: Api, message: string) {
  file.app.fake.reset();
  const events = await streamAnswer(api, {
    universe: 'general',
    message,
    conversation: [],
    requestId: randomUUID(),
  });
  const done = events.at(-1)?.data;
  if (done?.type !== 'done') throw new Error(`the answer ended with ${JSON.stringify(done)}`);
  expect(file.app.fake.requests).toHaveLength(1);
  return { done, prompt: JSON.stringify(file.app.fake.requests[0]?.body.system) };
}

describe('"remember that …" in chat', () => {
  it('saves the item with source chat before the answer, so its own prompt carries it', async () => {
    const api = await newAthlete();
    const other = await newAthlete();
    const secret = 'My left calf has been tight since Monday';
    const { done, prompt } = await ask(
      api,
      `Remember that my left calf has been tight since Monday.`,
    );

    const items = await api.memory.list.query();
    expect(items).toMatchObject([{ kind: 'injury', text: secret, source: 'chat', current: true }]);
    expect(done.remembered).toEqual({
      saved: true,
      id: items[0]?.id,
      kind: 'injury',
      text: secret,
      since: items[0]?.since,
    });
    expect(items[0]?.since).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(prompt).toContain(
      `injury (current, since ${items[0]?.since}): <athlete_note>${secret}</athlete_note>`,
    );

    expect(await other.memory.list.query()).toEqual([]);
    expect((await ask(other, 'What should I do today?')).prompt).not.toContain(secret);
    expect(JSON.stringify(file.app.logs)).not.toContain('calf has been tight');
  });

  it('dates the item from its words, in the athlete’s time zone', async () => {
    const api = await newAthlete();
    await api.settings.update.mutate({ timezone: 'Pacific/Kiritimati' });
    const today = todayIn('Pacific/Kiritimati');
    // The most recent 20 November up to the athlete's today.
    const year = Number(today.slice(0, 4)) - (today.slice(5) < '11-20' ? 1 : 0);
    const { done, prompt } = await ask(
      api,
      'Remember that my left calf has been tight since 20 Nov. Should I run today?',
    );
    await ask(api, 'Please remember that my right hip has been sore for a week.');
    const undated = await ask(api, 'Remember: I prefer trails.');

    const items = await api.memory.list.query();
    expect(items).toMatchObject([
      { text: 'My right hip has been sore for a week', since: addDays(today, -7) },
      { text: 'My left calf has been tight since 20 Nov', since: `${year}-11-20` },
      { text: 'I prefer trails', since: null },
    ]);
    expect(done.remembered).toMatchObject({ saved: true, kind: 'injury', since: `${year}-11-20` });
    expect(undated.done.remembered).toMatchObject({ saved: true, kind: 'preference' });
    expect(undated.done.remembered).not.toHaveProperty('since');
    expect(prompt).toContain(
      `injury (current, since ${year}-11-20): <athlete_note>My left calf has been tight since 20 Nov</athlete_note>`,
    );
  });

  it('saves nothing from a message that does not ask', async () => {
    const api = await newAthlete();
    const { done } = await ask(api, 'Do you remember what I ran yesterday?');
    expect(done.remembered).toBeUndefined();
    expect(await api.memory.list.query()).toEqual([]);
  });

  it('answers all the same when the memory is full, and says the item was not saved', async () => {
    const api = await newAthlete();
    for (let i = 0; i < MEMORY_MAX_ITEMS; i += 1) {
      await api.memory.add.mutate({ kind: 'preference', text: `preference ${i}` });
    }
    const { done, prompt } = await ask(api, 'please remember: no runs on Tuesdays');
    expect(done.remembered).toMatchObject({ saved: false });
    expect(done.remembered?.saved === false && done.remembered.message).toContain(
      `at most ${MEMORY_MAX_ITEMS}`,
    );
    expect(prompt).not.toContain('No runs on Tuesdays');
    expect(await api.memory.list.query()).toHaveLength(MEMORY_MAX_ITEMS);
  });
});
