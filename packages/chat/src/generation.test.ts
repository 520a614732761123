import { describe, expect, it } from 'vitest';
import type { ChatEvent, TrackedChatEvent } from './events';
import { Generation, MAX_COALESCED_CHARS } from './generation';

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

async function collect(events: AsyncIterable<TrackedChatEvent>): Promise<TrackedChatEvent[]> {
  const all: TrackedChatEvent[] = [];
  for await (const event of events) all.push(event);
  return all;
}

const textOf = (events: TrackedChatEvent[]) =>
  events.map(({ event }) => (event.type === 'token' ? event.content : '')).join('');

/** A generation whose events the test emits by hand; `end()` emits the final one. */
function manual() {
  let emit: (event: ChatEvent) => void = () => {};
  let finish: () => void = () => {};
  const generation = new Generation(
    (_signal, push) =>
      new Promise<void>((resolve) => {
        emit = push;
        finish = resolve;
      }),
    { graceMs: 60_000 },
  );
  return {
    generation,
    token: (content: string) => emit({ type: 'token', content }),
    end() {
      emit({ type: 'done', usage: { inputTokens: 1, outputTokens: 1 } });
      finish();
    },
  };
}

describe('Generation: coalesced tokens', () => {
  it('sends the tokens that arrive in one turn as one event with the last one’s id', async () => {
    const run = manual();
    const events = collect(run.generation.subscribe());
    for (const word of ['a', 'b', 'c']) run.token(word);
    await nextTurn();
    for (const word of ['d', 'e']) run.token(word);
    await nextTurn();
    run.end();
    expect(await events).toEqual([
      { id: '2', event: { type: 'token', content: 'abc' } },
      { id: '4', event: { type: 'token', content: 'de' } },
      { id: '5', event: { type: 'done', usage: { inputTokens: 1, outputTokens: 1 } } },
    ]);
  });

  it('sends the first token within the turn it arrives in', async () => {
    const run = manual();
    const events = run.generation.subscribe();
    const first = events.next();
    const turnEnded = nextTurn().then(() => 'turn ended' as const);
    run.token('a');
    expect(await Promise.race([first, turnEnded])).toEqual({
      done: false,
      value: { id: '0', event: { type: 'token', content: 'a' } },
    });
    run.end();
    await events.return(undefined);
  });

  it('sends later tokens ahead of the immediates queued before they arrived (the sends’ work)', async () => {
    const run = manual();
    const events = run.generation.subscribe();
    const first = events.next();
    run.token('a');
    await first;
    const order: string[] = [];
    // The pacer's next turn of send work is an immediate queued before the model's next read.
    setImmediate(() => order.push('send work'));
    const second = events.next().then(({ value }) => order.push(`token ${value?.id}`));
    run.token('b');
    await second;
    await nextTurn();
    expect(order).toEqual(['token 1', 'send work']);
    run.end();
    await events.return(undefined);
  });

  it('a resume after any id, a coalesced one included, gets exactly the rest', async () => {
    const run = manual();
    const words = Array.from({ length: 10 }, (_, i) => `w${i} `);
    for (const word of words) run.token(word);
    run.end();
    await run.generation.finished;
    const whole = await collect(run.generation.subscribe());
    expect(whole.map((e) => e.id)).toEqual(['9', '10']);
    for (let after = 0; after <= 9; after++) {
      const rest = await collect(run.generation.subscribe(String(after)));
      expect(textOf(rest)).toBe(words.slice(after + 1).join(''));
      expect(rest.at(-1)?.event.type).toBe('done');
    }
    expect(await collect(run.generation.subscribe('10'))).toEqual([]);
  });

  it('bounds a coalesced event in size', async () => {
    const run = manual();
    const chunk = 'x'.repeat(1000);
    for (let i = 0; i < 10; i++) run.token(chunk);
    const huge = 'y'.repeat(MAX_COALESCED_CHARS + 1);
    run.token(huge);
    run.end();
    const events = await collect(run.generation.subscribe());
    const tokens = events.filter(({ event }) => event.type === 'token');
    for (const { event } of tokens) {
      if (event.type === 'token' && event.content !== huge) {
        expect(event.content.length).toBeLessThanOrEqual(MAX_COALESCED_CHARS);
      }
    }
    expect(textOf(events)).toBe(chunk.repeat(10) + huge);
    expect(tokens.at(-1)).toEqual({ id: '10', event: { type: 'token', content: huge } });
  });
});

describe('Generation: grace period', () => {
  it('runs on while a client listens through another instance, and stops once none does', async () => {
    let elsewhere = true;
    let asked = 0;
    let stoppedAt = 0;
    const generation = new Generation(
      (signal) =>
        new Promise<void>((resolve) =>
          signal.addEventListener('abort', () => {
            stoppedAt = asked;
            resolve();
          }),
        ),
      {
        graceMs: 10,
        listenedElsewhere: async () => {
          asked += 1;
          if (asked === 3) elsewhere = false;
          return elsewhere;
        },
      },
    );
    await generation.finished;
    expect(stoppedAt).toBe(3);
  });

  it('does not count a reader that only copies the events', async () => {
    const generation = new Generation(
      (signal, emit) =>
        new Promise<void>((resolve) =>
          signal.addEventListener('abort', () => {
            emit({ type: 'error', message: String(signal.reason) });
            resolve();
          }),
        ),
      { graceMs: 10 },
    );
    const copied = await collect(generation.subscribe(undefined, undefined, { listening: false }));
    expect(copied).toEqual([{ id: '0', event: { type: 'error', message: 'no listener' } }]);
  });
  it('gives a copy every token as its own event, so a resume after any id a client got is exact', async () => {
    const generation = new Generation(
      async (_signal, emit) => {
        // Three tokens in one turn: a client gets them as one event, id 2.
        for (const content of ['a', 'b', 'c']) emit({ type: 'token', content });
        emit({ type: 'done', usage: { inputTokens: 1, outputTokens: 3 } });
      },
      { graceMs: 1000 },
    );
    await generation.finished;
    const client = await collect(generation.subscribe());
    expect(client.map(({ id }) => id)).toEqual(['2', '3']);
    const copy = await collect(
      generation.subscribe(undefined, undefined, { listening: false, coalesce: false }),
    );
    expect(copy.map(({ id }) => id)).toEqual(['0', '1', '2', '3']);
  });
});
