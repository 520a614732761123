import { Worker } from 'node:worker_threads';
import type {
  IsolationLevel,
  SqlDriverAdapter,
  SqlDriverAdapterFactory,
  SqlQuery,
  SqlResultSet,
  Transaction,
} from '@prisma/driver-adapter-utils';

/**
 * PGlite on a worker thread of its own (pglite-worker.mjs): statements run on the other core while
 * this thread keeps serving sockets. Prisma talks to it through `adapter`, the migrator through
 * `exec` and `rows`.
 */
export interface PGliteThread {
  adapter: SqlDriverAdapterFactory;
  exec(sql: string): Promise<void>;
  rows<Row>(sql: string, params?: unknown[]): Promise<Row[]>;
  close(): Promise<void>;
}

interface Reply {
  id: number;
  value?: unknown;
  error?: { name: string; message: string; cause?: unknown };
}

const WORKER_URL = new URL('./pglite-worker.mjs', import.meta.url);

/** Opens (or creates from `loadDataDir`, a template) the database in `directory` on a new thread. */
export async function startPGliteThread(
  directory: string,
  loadDataDir: Blob | undefined,
): Promise<PGliteThread> {
  const worker = new Worker(WORKER_URL, { workerData: { directory, loadDataDir } });
  const pending = new Map<number, { resolve(value: unknown): void; reject(e: Error): void }>();
  let nextId = 1;
  let failure: Error | undefined;

  const failAll = (error: Error) => {
    failure ??= error;
    for (const { reject } of pending.values()) reject(error);
    pending.clear();
  };
  await new Promise<void>((resolve, reject) => {
    const exited = (code: number) => reject(new Error(`the database thread exited (${code})`));
    worker.once('error', reject);
    worker.once('exit', exited);
    worker.once('message', () => {
      worker.off('error', reject);
      worker.off('exit', exited);
      resolve();
    });
  });
  worker.on('exit', (code) => failAll(new Error(`the database thread exited (${code})`)));
  worker.on('error', failAll);
  worker.on('message', ({ id, value, error }: Reply) => {
    const call = pending.get(id);
    pending.delete(id);
    if (error) call?.reject(rebuildError(error));
    else call?.resolve(value);
  });

  const call = <T>(op: string, args: Record<string, unknown> = {}): Promise<T> => {
    if (failure) return Promise.reject(failure);
    const id = nextId++;
    return new Promise<T>((resolve, reject) => {
      pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
      worker.postMessage({ id, op, ...args });
    });
  };

  const queryable = (transaction?: number) => ({
    provider: 'postgres' as const,
    adapterName: ADAPTER_NAME,
    queryRaw: (query: SqlQuery) => call<SqlResultSet>('queryRaw', { transaction, query }),
    executeRaw: (query: SqlQuery) => call<number>('executeRaw', { transaction, query }),
  });
  const adapter: SqlDriverAdapter = {
    ...queryable(),
    executeScript: (script) => call('executeScript', { script }),
    startTransaction: async (isolationLevel?: IsolationLevel): Promise<Transaction> => {
      const transaction = await call<number>('startTransaction', { isolationLevel });
      return {
        ...queryable(transaction),
        options: { usePhantomQuery: true },
        commit: () => call('commit', { transaction }),
        rollback: () => call('rollback', { transaction }),
      };
    },
    getConnectionInfo: () => ({ supportsRelationJoins: true }),
    dispose: async () => {},
  };

  return {
    adapter: {
      provider: 'postgres',
      adapterName: ADAPTER_NAME,
      connect: async () => adapter,
    },
    exec: (sql) => call('exec', { sql }),
    rows: (sql, params) => call('rows', { sql, params }),
    close: async () => {
      await call('close');
      await new Promise((resolve) => worker.once('exit', resolve));
    },
  };
}

/** The name pglite-prisma-adapter gives itself, which Prisma shows in its errors. */
const ADAPTER_NAME = 'pglite-prisma-adapter';

/** A driver error keeps its name and cause, which is what Prisma reads to map it (P2002, …). */
function rebuildError({ name, message, cause }: NonNullable<Reply['error']>): Error {
  const error = new Error(message, cause === undefined ? undefined : { cause });
  error.name = name;
  return error;
}
