// `pnpm bench limiter`: the daily message limit under a burst across server instances. N sends of
// one athlete at once, split between two server processes on one PostgreSQL database, with M
// messages left for the day: exactly M must be answered and the rest refused TOO_MANY_REQUESTS,
// each answered one calling the model once. Prints the counts and writes results/limiter.json.

import { randomUUID } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import { parseArgs } from 'node:util';
import { startFakeAnthropic } from '@coach/llm/testing';
import { streamAnswer } from '@coach/server/testing/chat-stream';
import { codeOf, createClient } from '@coach/server/testing/trpc-client';
import { prepareDatabase } from '../streams/database';
import { type ServerProcess, serverEnv, startServer } from '../streams/server-process';

const USAGE = `usage: pnpm bench limiter [--sends 500] [--left 50] [--instances 2] [--sockets 4]

  --sends N       sends at once, all for one athlete, spread round-robin over the instances
  --left M        messages left for the athlete's day (the daily message limit, nothing used yet)
  --instances K   server processes on one new PostgreSQL database
  --sockets S     WebSockets per instance the sends share (a browser tab has one)`;

export async function main(argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: {
      sends: { type: 'string', default: '500' },
      left: { type: 'string', default: '50' },
      instances: { type: 'string', default: '2' },
      sockets: { type: 'string', default: '4' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return;
  }
  const [sends, left, instances, sockets] = [
    values.sends,
    values.left,
    values.instances,
    values.sockets,
  ].map((value) => {
    const number = Number(value);
    if (!Number.isInteger(number) || number < 1 || number > 100_000) {
      throw new Error(`not a count: ${value}\n${USAGE}`);
    }
    return number;
  }) as [number, number, number, number];

  const database = await prepareDatabase('postgres', 1, 28);
  const fake = await startFakeAnthropic({ defaultReply: { text: 'Easy run today.' } });
  const servers: ServerProcess[] = [];
  const closers: (() => void)[] = [];
  try {
    const env = { ...serverEnv(database, fake.url, 50), CHAT_DAILY_MESSAGE_LIMIT: String(left) };
    for (let i = 0; i < instances; i++) servers.push(await startServer(env));
    const cookie = database.cookies[0] ?? '';
    const clients = servers.flatMap((server) =>
      Array.from({ length: sockets }, () => {
        const made = createClient(server.url, cookie);
        closers.push(made.close);
        return made.client;
      }),
    );
    const started = performance.now();
    const outcomes = await Promise.all(
      Array.from({ length: sends }, async (_, i) => {
        // Round-robin over the instances first, then over each one's sockets.
        const client = clients[(i % instances) * sockets + (Math.floor(i / instances) % sockets)];
        if (!client) throw new Error('no client');
        try {
          const events = await streamAnswer(client, {
            universe: 'general',
            message: `Question ${i}`,
            conversation: [],
            requestId: randomUUID(),
          });
          return events.at(-1)?.data.type ?? 'nothing';
        } catch (error) {
          return codeOf(error) ?? 'failed';
        }
      }),
    );
    const seconds = (performance.now() - started) / 1000;
    const count = (outcome: string) => outcomes.filter((o) => o === outcome).length;
    const result = {
      date: new Date().toISOString(),
      machine: { cpus: os.cpus().length, loadAverage: os.loadavg(), node: process.version },
      sends,
      left,
      instances,
      admitted: count('done'),
      refused: count('TOO_MANY_REQUESTS'),
      other: sends - count('done') - count('TOO_MANY_REQUESTS'),
      modelCalls: fake.requests.length,
      seconds: Number(seconds.toFixed(2)),
    };
    console.log(
      `${sends} sends at once over ${instances} instances (PostgreSQL), ${left} messages left: ` +
        `admitted ${result.admitted}, refused ${result.refused}, other ${result.other}, ` +
        `model calls ${result.modelCalls}, ${result.seconds} s — ${
          result.admitted === left && result.modelCalls === left && result.other === 0
            ? 'exact'
            : 'NOT EXACT'
        }`,
    );
    const results = new URL('../../results/', import.meta.url);
    await mkdir(results, { recursive: true });
    await writeFile(new URL('limiter.json', results), `${JSON.stringify(result, null, 2)}\n`);
    if (result.admitted !== left || result.other !== 0) process.exitCode = 1;
  } finally {
    for (const close of closers) close();
    await Promise.all(servers.map((server) => server.stop()));
    await fake.close();
    await database.remove();
  }
}
