// The embedded database's own thread: PGlite (PostgreSQL compiled to WebAssembly) runs every
// statement synchronously, so on the main thread it stalled every open chat stream while it ran.
// Here it runs Prisma's PGlite adapter for pglite-thread.ts, which forwards the adapter's calls.
// Plain JavaScript so that Node runs this file as it is, from the sources or beside the bundle.
import { parentPort, workerData } from 'node:worker_threads';
import { PGlite } from '@electric-sql/pglite';
import { PrismaPGlite } from 'pglite-prisma-adapter';

/** @type {{ directory: string, loadDataDir?: Blob }} */
const { directory, loadDataDir } = workerData;
const port = parentPort;
if (!port) throw new Error('pglite-worker.mjs runs as a worker thread');

const pglite = await PGlite.create(directory, { loadDataDir });
const adapter = await new PrismaPGlite(pglite).connect();
/** Open transactions by id; an id is never reused. */
const transactions = new Map();
let nextTransactionId = 1;

const handlers = {
  queryRaw: ({ transaction, query }) => queryable(transaction).queryRaw(query),
  executeRaw: ({ transaction, query }) => queryable(transaction).executeRaw(query),
  executeScript: ({ script }) => adapter.executeScript(script),
  startTransaction: async ({ isolationLevel }) => {
    const id = nextTransactionId++;
    transactions.set(id, await adapter.startTransaction(isolationLevel));
    return id;
  },
  commit: ({ transaction }) => settle(transaction, 'commit'),
  rollback: ({ transaction }) => settle(transaction, 'rollback'),
  exec: async ({ sql }) => {
    await pglite.exec(sql);
  },
  rows: async ({ sql, params }) => (await pglite.query(sql, params)).rows,
  close: () => pglite.close(),
};

function queryable(transaction) {
  if (transaction === undefined) return adapter;
  const open = transactions.get(transaction);
  if (!open) throw new Error(`transaction ${transaction} is not open`);
  return open;
}

function settle(transaction, how) {
  const open = queryable(transaction);
  transactions.delete(transaction);
  return open[how]();
}

port.on('message', async ({ id, op, ...args }) => {
  try {
    port.postMessage({ id, value: await handlers[op](args) });
  } catch (error) {
    const { name, message, cause } = error instanceof Error ? error : new Error(String(error));
    // Prisma maps a driver error by its `cause` (kind and code: a unique violation becomes P2002).
    const driverCause = name === 'DriverAdapterError' ? cause : undefined;
    port.postMessage({ id, error: { name, message, cause: driverCause } });
  }
  if (op === 'close') port.close(); // nothing else keeps this thread alive: it ends
});
port.postMessage({ ready: true });
