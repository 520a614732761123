// How long one athlete's sign-in takes while a burst of sign-ups hashes passwords: starts the real
// app on a port of its own with a throwaway database, sends BURST sign-ups at once (from one
// address, or each from its own loopback address with --spread) and, at the same moment, one
// sign-in of an existing athlete from another address; prints the timings.
//   pnpm --filter @coach/server exec tsx src/cli/measure-signup-burst.ts [--spread]
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { hashPassword } from '@coach/auth';
import { loadConfig } from '@coach/config';
import { openTestDatabase } from '@coach/db/testing';
import { createApp } from '../app';
import { createLogger } from '../logger';
import { postJson } from '../testing/http-from';

const BURST = 24;
const spread = process.argv.includes('--spread');

const database = await openTestDatabase();
await database.prisma.user.create({
  data: {
    email: 'owner@example.com',
    passwordHash: await hashPassword('owner-password-1'),
    displayName: 'Owner',
  },
});
const app = createApp(loadConfig({}), database, createLogger('silent'));
app.server.listen(0, '127.0.0.1');
await once(app.server, 'listening');
const base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}/trpc`;

const signIn = () =>
  postJson(
    `${base}/auth.login`,
    { email: 'owner@example.com', password: 'owner-password-1' },
    '127.0.0.200',
  );

const alone = performance.now();
await signIn();
const aloneMs = performance.now() - alone;

const started = performance.now();
const signups = Array.from({ length: BURST }, (_, i) =>
  postJson(
    `${base}/auth.signup`,
    { email: `burst-${i}@example.com`, password: `burst-password-${i}`, displayName: 'Burst' },
    spread ? `127.0.1.${i + 1}` : '127.0.0.100',
  ).then((r) => ({ status: r.status, ms: performance.now() - started })),
);
const login = await signIn();
const loginMs = performance.now() - started;
const results = await Promise.all(signups);
const statuses = results.reduce<Record<number, number>>((counts, r) => {
  counts[r.status] = (counts[r.status] ?? 0) + 1;
  return counts;
}, {});
console.log(
  JSON.stringify({
    signInAloneMs: Math.round(aloneMs),
    signInDuringBurstMs: Math.round(loginMs),
    signInStatus: login.status,
    burst: BURST,
    from: spread ? `${BURST} addresses` : 'one address',
    signupStatuses: statuses,
    lastSignupMs: Math.round(Math.max(...results.map((r) => r.ms))),
  }),
);
await app.close();
await database.close();
