// What an abusive client costs everyone else: each scenario sends one hostile request to a running
// server while another athlete makes an ordinary call, and reports how long that call waited.
// A separate client process against servers started elsewhere, so before and after can be measured
// in one run:  pnpm --filter @coach/bench abuse before=http://127.0.0.1:3101 after=http://127.0.0.1:3102
import { randomUUID } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { cpus, totalmem } from 'node:os';

const DEMO = { email: 'demo@example.com', password: 'demo-password' };
const STRONG_PASSWORD = 'correct horse battery staple 42';

interface Outcome {
  scenario: string;
  /** the hostile request: HTTP status (or the error) and how long the server took */
  attackStatus: string;
  attackMs: number;
  /** the other athlete's ordinary call made meanwhile */
  victimStatus: string;
  victimMs: number;
  /** did /healthz answer afterwards */
  alive: boolean;
}

async function timed(call: () => Promise<Response>): Promise<{ status: string; ms: number }> {
  const start = performance.now();
  try {
    const response = await call();
    await response.arrayBuffer();
    return { status: String(response.status), ms: performance.now() - start };
  } catch (error) {
    const reason = error instanceof Error ? (error.cause ?? error).toString() : String(error);
    return { status: `error: ${reason.slice(0, 60)}`, ms: performance.now() - start };
  }
}

function post(base: string, path: string, body: unknown, cookie?: string): Promise<Response> {
  return fetch(`${base}/trpc/${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(cookie ? { cookie } : {}) },
    body: JSON.stringify(body),
  });
}

async function signIn(base: string, email: string, password: string): Promise<string> {
  const response = await post(base, 'auth.login', { email, password });
  const cookie = response.headers.get('set-cookie')?.split(';')[0];
  if (!cookie) throw new Error(`sign-in failed: ${response.status} ${await response.text()}`);
  return cookie;
}

async function alive(base: string): Promise<boolean> {
  try {
    return (await fetch(`${base}/healthz`, { signal: AbortSignal.timeout(5000) })).ok;
  } catch {
    return false;
  }
}

/** Starts the attack, then the victim's call 200 ms later, and waits for both. */
async function contend(
  base: string,
  scenario: string,
  attack: () => Promise<Response>,
  victim: () => Promise<Response>,
): Promise<Outcome> {
  const attacking = timed(attack);
  await new Promise((resolve) => setTimeout(resolve, 200));
  const victimResult = await timed(victim);
  const attackResult = await attacking;
  return {
    scenario,
    attackStatus: attackResult.status,
    attackMs: attackResult.ms,
    victimStatus: victimResult.status,
    victimMs: victimResult.ms,
    alive: await alive(base),
  };
}

/** A GET whose path node's fetch would normalise away: written byte for byte on a raw socket. */
function rawGet(base: string, path: string): Promise<Response> {
  const url = new URL(base);
  return new Promise((resolve) => {
    const req = httpRequest({ host: url.hostname, port: url.port, path, method: 'GET' }, (res) => {
      res.resume();
      res.on('end', () => resolve(new Response(null, { status: res.statusCode ?? 0 })));
    });
    req.on('error', () => resolve(new Response(null, { status: 599 })));
    req.end();
  });
}

/** `count` calls of one procedure in one batched POST. */
function batchPost(base: string, path: string, inputs: unknown[], cookie?: string) {
  const paths = inputs.map(() => path).join(',');
  return post(
    base,
    `${paths}?batch=1`,
    Object.fromEntries(inputs.map((input, i) => [i, input])),
    cookie,
  );
}

function timezoneChanges(count: number): unknown[] {
  const zones = ['Pacific/Kiritimati', 'America/Denver'];
  return Array.from({ length: count }, (_, i) => ({ timezone: zones[i % 2] }));
}

function signups(count: number): unknown[] {
  return Array.from({ length: count }, (_, i) => ({
    email: `burst-${randomUUID().slice(0, 8)}-${i}@example.com`,
    password: STRONG_PASSWORD,
    displayName: 'Burst',
  }));
}

async function run(label: string, base: string): Promise<Outcome[]> {
  if (!(await alive(base))) throw new Error(`${label}: no server at ${base}`);
  const victimEmail = `victim-${randomUUID().slice(0, 8)}@example.com`;
  const signup = await post(base, 'auth.signup', {
    email: victimEmail,
    password: STRONG_PASSWORD,
    displayName: 'Victim',
  });
  if (!signup.ok) throw new Error(`${label}: victim sign-up failed: ${await signup.text()}`);
  const victimCookie = await signIn(base, victimEmail, STRONG_PASSWORD);
  const demoCookie = await signIn(base, DEMO.email, DEMO.password);
  const victimUsage = () => fetch(`${base}/trpc/chat.usage`, { headers: { cookie: victimCookie } });
  const outcomes: Outcome[] = [];

  const quiet = await timed(() =>
    post(base, 'auth.login', { email: victimEmail, password: STRONG_PASSWORD }),
  );
  outcomes.push({
    scenario: 'no attack: the other athlete signs in',
    attackStatus: '-',
    attackMs: 0,
    victimStatus: quiet.status,
    victimMs: quiet.ms,
    alive: await alive(base),
  });

  const usageBatch = Array.from({ length: 1000 }, () => 'chat.usage').join(',');
  outcomes.push(
    await contend(
      base,
      '1,000 chat.usage in one batch',
      () =>
        fetch(`${base}/trpc/${usageBatch}?batch=1&input=${encodeURIComponent('{}')}`, {
          headers: { cookie: demoCookie },
        }),
      victimUsage,
    ),
  );

  // The batch sizes, then the largest batch the server accepts (HTTP_MAX_BATCH_SIZE's
  // default), which is what still reaches the per-athlete and per-address limits.
  for (const count of [40, 20]) {
    outcomes.push(
      await contend(
        base,
        `${count} time zone changes in one batch`,
        () => batchPost(base, 'settings.update', timezoneChanges(count), demoCookie),
        victimUsage,
      ),
    );
  }
  for (const count of [24, 20]) {
    outcomes.push(
      await contend(
        base,
        `${count} sign-ups in one batch`,
        () => batchPost(base, 'auth.signup', signups(count)),
        () => post(base, 'auth.login', { email: victimEmail, password: STRONG_PASSWORD }),
      ),
    );
  }

  const hundredMegabytes = `{"email":"${'a'.repeat(100 * 1024 * 1024)}"}`;
  outcomes.push(
    await contend(
      base,
      '100 MB body to auth.login',
      () =>
        fetch(`${base}/trpc/auth.login`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: hundredMegabytes,
        }),
      victimUsage,
    ),
  );

  outcomes.push(
    await contend(base, 'GET //[ (malformed URL)', () => rawGet(base, '//['), victimUsage),
  );
  return outcomes;
}

async function main(): Promise<void> {
  const targets = process.argv.slice(2).map((arg) => {
    const [label, url] = arg.includes('=') ? arg.split(/=(.*)/s) : ['server', arg];
    return { label: label ?? 'server', url: url ?? '' };
  });
  if (targets.length === 0) {
    console.error('usage: abuse [label=]http://host:port …');
    process.exit(2);
  }
  const results: Record<string, Outcome[]> = {};
  for (const { label, url } of targets) {
    results[label] = await run(label, url);
    console.log(`\n${label} (${url})`);
    console.table(
      results[label].map((o) => ({
        scenario: o.scenario,
        attack: `${o.attackStatus} in ${(o.attackMs / 1000).toFixed(2)} s`,
        'other athlete waited': `${(o.victimMs / 1000).toFixed(2)} s (${o.victimStatus})`,
        'alive after': o.alive,
      })),
    );
  }
  mkdirSync(new URL('../results/', import.meta.url), { recursive: true });
  writeFileSync(
    new URL('../results/abuse.json', import.meta.url),
    JSON.stringify(
      {
        date: new Date().toISOString(),
        machine: { cpus: cpus().length, memoryBytes: totalmem(), node: process.version },
        results,
      },
      null,
      2,
    ),
  );
}

await main();
