// The parent's handle on the fake model's process (see fake-process.ts).
import { type Child, startChild } from './children';

export interface FakeModel {
  readonly url: string;
  readonly pid: number;
  /** answers from now on: `tokens` tokens, token i due i × intervalMs after the stream starts */
  configure(tokens: number, intervalMs: number): Promise<void>;
  /** the schedule origin (epoch ms) of each stream answered since the last collect, by stream id */
  collect(): Promise<{ starts: Map<string, number>; requests: number; failed: number }>;
  stop(): Promise<void>;
}

export async function startFakeModel(): Promise<FakeModel> {
  const child: Child = await startChild('./fake-process.ts');
  return {
    url: String(child.ready.url),
    pid: child.pid,
    async configure(tokens, intervalMs) {
      await child.call({ type: 'configure', tokens, intervalMs }, 'configured');
    },
    async collect() {
      const reply = await child.call({ type: 'collect' }, 'collected');
      return {
        starts: new Map(Object.entries(reply.starts as Record<string, number>)),
        requests: Number(reply.requests),
        failed: Number(reply.failed),
      };
    },
    stop: () => child.stop(),
  };
}
