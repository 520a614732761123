// Child process: the fake Anthropic API (@coach/llm), answering every request with the scripted
// tokens on an absolute schedule. It runs in a process of its own so that its writes (up to
// streams × rate events a second) compete with neither the client's clock readings nor the
// server's event loop, only for the CPU, like a remote API's network would not at all.
import { type FakeReply, startFakeAnthropic } from '@coach/llm/testing';
import { answerTokens, streamIdIn } from './answer';
import { serveParent } from './children';

let reply: FakeReply = { tokens: answerTokens(20), tokenIntervalMs: 0 };
const fake = await startFakeAnthropic({ defaultReply: reply });

serveParent(
  { type: 'ready', url: fake.url },
  (message, respond) => {
    if (message.type === 'configure') {
      // Every run starts with no connection kept from the one before: a side whose calls reuse
      // warm connections sends its burst to the model within a few milliseconds, and its streams'
      // schedules then fall due in step, which made a run's lateness depend on whether the run
      // before was the same side's and a few seconds old (inside the 5 s keep-alive).
      fake.closeIdleConnections();
      reply = {
        tokens: answerTokens(Number(message.tokens)),
        tokenIntervalMs: Number(message.intervalMs),
      };
      fake.setDefault(reply);
      respond({ type: 'configured' });
    } else if (message.type === 'collect') {
      // When each stream's schedule began, by the stream id in its question; then forget them.
      const starts: Record<string, number> = {};
      let failed = 0;
      for (const request of fake.requests) {
        const id = streamIdIn(JSON.stringify(request.body.messages?.at(-1) ?? ''));
        if (id && request.streamStartedAt !== null) starts[id] = request.streamStartedAt;
        if (request.status !== 200) failed += 1;
      }
      const requests = fake.requests.length;
      fake.reset();
      fake.setDefault(reply);
      respond({ type: 'collected', starts, requests, failed });
    }
  },
  () => fake.close(),
);
