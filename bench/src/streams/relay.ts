// Child process: the bare relay, the baseline. A `ws` server on loopback that, for each question
// a connection sends, calls the model with the Anthropic SDK and relays each text delta as one
// frame. No tRPC, no database, no auth: what any streaming relay of the same model costs.
// The SDK reads ANTHROPIC_API_KEY and ANTHROPIC_BASE_URL from the environment, as the server does.
import Anthropic from '@anthropic-ai/sdk';
import { type WebSocket, WebSocketServer } from 'ws';
import type { RelayFrame, RelayQuestion } from './answer';
import { serveParent } from './children';

const MODEL = 'claude-haiku-4-5';
const anthropic = new Anthropic();

async function answer(socket: WebSocket, question: RelayQuestion): Promise<void> {
  const send = (frame: RelayFrame) => socket.send(JSON.stringify(frame));
  const controller = new AbortController();
  const abort = () => controller.abort();
  socket.once('close', abort);
  try {
    const stream = anthropic.messages.stream(
      {
        model: MODEL,
        max_tokens: question.maxTokens,
        messages: [{ role: 'user', content: question.message }],
      },
      { signal: controller.signal },
    );
    for await (const event of stream) {
      if (event.type === 'content_block_delta' && event.delta.type === 'text_delta') {
        send({ type: 'token', content: event.delta.text });
      }
    }
    send({ type: 'done' });
  } catch (error) {
    if (!controller.signal.aborted) send({ type: 'error', message: String(error) });
  } finally {
    socket.off('close', abort);
  }
}

const wss = new WebSocketServer({ host: '127.0.0.1', port: 0 });
wss.on('connection', (socket) => {
  socket.on('message', (data) => {
    void answer(socket, JSON.parse(String(data)) as RelayQuestion);
  });
});
await new Promise<void>((resolve) => wss.once('listening', resolve));
const address = wss.address();
const port = typeof address === 'object' && address ? address.port : 0;

serveParent(
  { type: 'ready', url: `ws://127.0.0.1:${port}` },
  () => {},
  () =>
    new Promise<void>((resolve) => {
      for (const client of wss.clients) client.terminate();
      wss.close(() => resolve());
    }),
);
