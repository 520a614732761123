// The server's own figures, read from outside through the V8 inspector: the benchmark starts the
// server with `--inspect=127.0.0.1:0` (only there) and asks it over the DevTools protocol for a
// full garbage collection, then for its heap, handles and listeners. The product has no such hook.
import { createWriteStream } from 'node:fs';
import { finished } from 'node:stream/promises';
import WebSocket from 'ws';

const CALL_TIMEOUT_MS = 30_000;
/**
 * V8 gives freed heap pages back to the system some time after the collection that freed them, so
 * RSS read right after a GC still counts them: `settledFigures` reads again after this pause (and
 * another GC) until RSS falls by less than SETTLED_RSS_BYTES, at most SETTLE_READS times.
 */
const RELEASE_PAUSE_MS = 1_500;
const SETTLED_RSS_BYTES = 1024 * 1024;
const SETTLE_READS = 5;
/** A snapshot of a few hundred MiB of heap takes longer than a figure to write. */
const SNAPSHOT_TIMEOUT_MS = 300_000;

/** What the server holds once garbage is collected. */
export interface ServerFigures {
  heapUsedBytes: number;
  /** what V8 has committed for its heap, used or not */
  heapTotalBytes: number;
  /** memory outside the heap that JavaScript objects hold (buffers, array buffers) */
  externalBytes: number;
  rssBytes: number;
  /** process.getActiveResourcesInfo(): timers, sockets, … by kind */
  resources: Record<string, number>;
  /** listeners on `process`, summed over its events */
  processListeners: number;
}

/** Evaluated in the server: two full collections (weak references clear on the second), then the figures. */
const FIGURES_EXPRESSION = `(() => {
  globalThis.gc?.();
  globalThis.gc?.();
  const resources = {};
  for (const kind of process.getActiveResourcesInfo()) resources[kind] = (resources[kind] ?? 0) + 1;
  const memory = process.memoryUsage();
  return {
    heapUsedBytes: memory.heapUsed,
    heapTotalBytes: memory.heapTotal,
    externalBytes: memory.external,
    rssBytes: memory.rss,
    resources,
    processListeners: process.eventNames().reduce((sum, name) => sum + process.listenerCount(name), 0),
  };
})()`;

export interface Inspector {
  figures(): Promise<ServerFigures>;
  /** `figures()` once RSS has stopped falling: freed pages given back to the system. */
  settledFigures(): Promise<ServerFigures>;
  /** Writes a heap snapshot (after a full collection) to `file`, readable in Chrome's DevTools. */
  heapSnapshot(file: string): Promise<void>;
  close(): void;
}

/** The inspector URL a process started with --inspect prints on stderr. */
export function inspectorUrlIn(output: string): string | null {
  return /Debugger listening on (ws:\/\/\S+)/.exec(output)?.[1] ?? null;
}

export async function connectInspector(url: string): Promise<Inspector> {
  const socket = new WebSocket(url);
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('error', reject);
  });
  let nextId = 1;
  const pending = new Map<number, (reply: { result?: unknown; error?: unknown }) => void>();
  let onSnapshotChunk: ((chunk: string) => void) | null = null;
  socket.on('message', (data) => {
    const reply = JSON.parse(String(data)) as {
      id?: number;
      method?: string;
      params?: { chunk?: string };
      result?: unknown;
      error?: unknown;
    };
    if (reply.id !== undefined) pending.get(reply.id)?.(reply);
    else if (reply.method === 'HeapProfiler.addHeapSnapshotChunk') {
      onSnapshotChunk?.(reply.params?.chunk ?? '');
    }
  });
  const call = (method: string, params: Record<string, unknown>, timeoutMs = CALL_TIMEOUT_MS) =>
    new Promise<unknown>((resolve, reject) => {
      const id = nextId++;
      const timer = setTimeout(() => {
        pending.delete(id);
        reject(new Error(`inspector: no answer to ${method}`));
      }, timeoutMs);
      pending.set(id, (reply) => {
        clearTimeout(timer);
        pending.delete(id);
        if (reply.error) reject(new Error(`inspector: ${JSON.stringify(reply.error)}`));
        else resolve(reply.result);
      });
      socket.send(JSON.stringify({ id, method, params }));
    });
  const figures = async () => {
    const result = (await call('Runtime.evaluate', {
      expression: FIGURES_EXPRESSION,
      returnByValue: true,
    })) as { result: { value: ServerFigures }; exceptionDetails?: unknown };
    if (result.exceptionDetails) {
      throw new Error(`inspector: ${JSON.stringify(result.exceptionDetails)}`);
    }
    return result.result.value;
  };
  return {
    figures,
    async settledFigures() {
      let settled = await figures();
      for (let read = 1; read < SETTLE_READS; read++) {
        await new Promise((resolve) => setTimeout(resolve, RELEASE_PAUSE_MS));
        const next = await figures();
        const fell = settled.rssBytes - next.rssBytes;
        settled = next;
        if (fell < SETTLED_RSS_BYTES) break;
      }
      return settled;
    },
    async heapSnapshot(file) {
      const out = createWriteStream(file);
      onSnapshotChunk = (chunk) => out.write(chunk);
      try {
        await call('HeapProfiler.enable', {});
        await call('HeapProfiler.collectGarbage', {});
        await call('HeapProfiler.takeHeapSnapshot', { reportProgress: false }, SNAPSHOT_TIMEOUT_MS);
      } finally {
        onSnapshotChunk = null;
        out.end();
        await finished(out);
      }
    },
    close: () => socket.close(),
  };
}
