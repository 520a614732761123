import { procedures } from '@coach/api';
import { createSession, SESSION_COOKIE } from '@coach/auth';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { rawRequest } from './testing/raw-http';
import { DEMO, startTestApp, type TestApp } from './testing/test-app';
import { createClient } from './testing/trpc-client';

// Every procedure and every field name its input schemas declare, read from the router: a new
// procedure or field is covered without touching this file. Known names make many cases reach
// validation rather than fail on an unknown shape; wrong names are generated too.
const PATHS = [...procedures.keys()];
const FIELDS = [
  ...new Set(
    [...procedures.values()].flatMap(({ inputs }) =>
      inputs.flatMap((input) => propertyNames(input as z.ZodType)),
    ),
  ),
];

/** The property names anywhere in a schema (as JSON Schema: it walks objects, arrays, unions). */
function propertyNames(schema: z.ZodType): string[] {
  const names: string[] = [];
  JSON.stringify(z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }), (key, value) => {
    if (key === 'properties') names.push(...Object.keys(value));
    return value;
  });
  return names;
}

const text = fc.oneof(
  fc.string(),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.constantFrom('\u0000', 'a\u0000b', '\u0001\u001b[2J\u007f', '\ud800', 'general', ''),
  fc.integer({ min: 5_000, max: 300_000 }).map((n) => 'x'.repeat(n)),
);
const { value } = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    text,
    fc.oneof(fc.integer(), fc.double(), fc.constant(-1), fc.constant(2 ** 53)),
    fc.boolean(),
    fc.constant(null),
    fc.array(tie('value'), { maxLength: 3 }),
    fc.dictionary(fc.oneof(fc.constantFrom(...FIELDS), text), tie('value'), { maxKeys: 4 }),
  ),
}));

/** One request a client could send: a procedure (or a batch) with some input, or junk. */
const badRequest = fc.record({
  signedIn: fc.boolean(),
  paths: fc.array(fc.constantFrom(...PATHS), { minLength: 1, maxLength: 3 }),
  input: fc.oneof(
    value.map((input) => ({ json: input })),
    fc.string().map((raw) => ({ raw })),
  ),
  // Pieces of a path under /trpc/ (a dot segment would leave it, for the web app's answer).
  junkPath: fc.option(
    fc
      .array(fc.constantFrom('%', '%E0%A4%A', '%00', '%2C', '%2F', '%2', ',', 'auth.me'))
      .map((parts) => parts.join('')),
    { freq: 5 },
  ),
});
type BadRequest = typeof badRequest extends fc.Arbitrary<infer T> ? T : never;

let t: TestApp;
let demoId: number;

beforeAll(async () => {
  t = await startTestApp();
  demoId = (await t.app.deps.prisma.user.findUniqueOrThrow({ where: { email: DEMO.email } })).id;
}, 60_000);
afterAll(() => t.close());

/** A new session each time: a generated auth.logout must not sign the next case out. */
async function sessionCookie(): Promise<string> {
  const session = await createSession(t.app.deps.prisma, demoId);
  return `${SESSION_COOKIE}=${session.token}`;
}

/**
 * The statuses of an answer: its own, and for a batch (a 207 may mix results) each call's.
 */
async function statusesOf(response: Response): Promise<number[]> {
  const body: unknown = await response.json().catch(() => null);
  const calls = Array.isArray(body)
    ? (body as { error?: { data?: { httpStatus?: number } } }[])
    : [];
  return [response.status, ...calls.map((call) => call.error?.data?.httpStatus ?? 200)];
}

/** Sends the request as tRPC's own client would shape it (GET for queries, POST for the rest). */
async function send({ signedIn, paths, input, junkPath }: BadRequest): Promise<number[]> {
  const headers: Record<string, string> = signedIn ? { cookie: await sessionCookie() } : {};
  const batch = paths.length > 1;
  const body =
    'raw' in input
      ? input.raw
      : JSON.stringify(
          batch ? Object.fromEntries(paths.map((_, i) => [i, input.json])) : input.json,
        );
  const path = junkPath ?? paths.join(',');
  const isMutation = procedures.get(paths[0] ?? '')?.type === 'mutation';
  const url = new URL(`${t.baseUrl}/trpc/${path}`);
  if (batch) url.searchParams.set('batch', '1');
  if (!isMutation) {
    url.search = `${url.search ? `${url.search}&` : '?'}input=${encodeURIComponent(body ?? '')}`;
    return statusesOf(await fetch(url, { headers }));
  }
  headers['content-type'] = 'application/json';
  return statusesOf(await fetch(url, { method: 'POST', headers, body }));
}

describe('bad input to every procedure, signed in and out', () => {
  it('gets a 4xx (never a 5xx nor an error log), and the server keeps serving', async () => {
    const errorsBefore = t.logs.filter((line) => line.level >= 50).length;
    await fc.assert(
      fc.asyncProperty(badRequest, async (request) => {
        const [status = 0, ...calls] = await send(request);
        for (const code of [status, ...calls])
          expect(code, JSON.stringify(request).slice(0, 300)).toBeLessThan(500);
        // Valid input may slip through, but NUL never does, and signed out only auth.* answers.
        if (request.junkPath !== null) return;
        const hasNul = 'json' in request.input && JSON.stringify(request.input).includes('\\u0000');
        const onlyProtected = request.paths.every((path) => !path.startsWith('auth.'));
        if (hasNul || (!request.signedIn && onlyProtected)) expect(status).toBeGreaterThan(399);
      }),
      { numRuns: 300 },
    );
    for (const target of [
      '//[',
      '/trpc/%ZZ',
      '/trpc/a b',
      '/trpc/\u0000',
      '/trpc/chat.stream?input=%',
    ]) {
      const status = await rawRequest(t.port, `GET ${target} HTTP/1.1\r\nHost: x\r\n\r\n`);
      expect(status, target).toBeGreaterThan(399);
      expect(status, target).toBeLessThan(500);
    }
    expect(t.logs.filter((line) => line.level >= 50)).toHaveLength(errorsBefore);
    expect((await fetch(`${t.baseUrl}/healthz`)).status).toBe(200);
  }, 60_000);

  it('over the WebSocket, every subscription answers bad input with a client error', async () => {
    const subscriptions = PATHS.filter((path) => procedures.get(path)?.type === 'subscription');
    const made = createClient(t.baseUrl, await sessionCookie());
    const errorsBefore = t.logs.filter((line) => line.level >= 50).length;
    // Under the WebSocket's frame limit, which closes the connection instead of answering.
    const framed = value.filter((input) => JSON.stringify(input).length < 32_000);
    try {
      await fc.assert(
        fc.asyncProperty(fc.constantFrom(...subscriptions), framed, async (path, input) => {
          const outcome = await subscribeOnce(made.client, path, input);
          expect(outcome, JSON.stringify(input).slice(0, 300)).not.toMatch(/INTERNAL|timeout/);
          if (JSON.stringify(input).includes('\\u0000')) expect(outcome).toBe('BAD_REQUEST');
        }),
        { numRuns: 60 },
      );
    } finally {
      made.close();
    }
    expect(t.logs.filter((line) => line.level >= 50)).toHaveLength(errorsBefore);
  }, 60_000);

  it('over the WebSocket, a chat message otherwise valid but with a NUL is refused before the model', async () => {
    t.fake.reset();
    const made = createClient(t.baseUrl, await sessionCookie());
    const valid = { universe: 'general', message: 'Hi', conversation: [] };
    const withNul = [
      { ...valid, message: 'Hi\u0000there' },
      { ...valid, conversation: [{ role: 'user', content: 'a\u0000' }] },
    ];
    try {
      for (const input of withNul)
        expect(await subscribeOnce(made.client, 'chat.stream', input)).toBe('BAD_REQUEST');
    } finally {
      made.close();
    }
    expect(t.fake.requests).toHaveLength(0);
  });
});

type Subscribable = {
  subscribe(
    input: unknown,
    handlers: { onData(): void; onError(error: unknown): void },
  ): { unsubscribe(): void };
};

/** Subscribes once: 'data' when an answer starts (then stops it), else the error's code. */
function subscribeOnce(client: unknown, path: string, input: unknown): Promise<string> {
  const procedure = path
    .split('.')
    .reduce((node, key) => (node as Record<string, unknown>)[key], client) as Subscribable;
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve('timeout'), 5000);
    let subscription: { unsubscribe(): void } | undefined;
    const done = (outcome: string) => {
      clearTimeout(timer);
      subscription?.unsubscribe();
      resolve(outcome);
    };
    subscription = procedure.subscribe(input, {
      onData: () => done('data'),
      onError: (error) => done((error as { data?: { code?: string } }).data?.code ?? String(error)),
    });
  });
}
