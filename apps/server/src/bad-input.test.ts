import { procedureTypes } from '@coach/api';
import { createSession, SESSION_COOKIE } from '@coach/auth';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rawRequest } from './testing/raw-http';
import { DEMO, startTestApp, type TestApp } from './testing/test-app';

// Every procedure, read from the router: a new one is covered without touching this file.
const PATHS = [...procedureTypes.keys()];
// The field names the procedures read, so that many cases reach validation rather than
// failing on an unknown shape; wrong names are generated too.
const FIELDS = [
  'email',
  'password',
  'displayName',
  'timezone',
  'universe',
  'message',
  'conversation',
  'role',
  'content',
  'requestId',
  'lastEventId',
  'days',
  'date',
  'energyLevel',
  'rpeScore',
  'painPercentage',
  'notes',
  'coachingSpectrum',
  'riskTolerance',
  'units',
  'restingHeartRate',
  'maxHeartRate',
  'sex',
];

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

/** Sends the request as tRPC's own client would shape it (GET for queries, POST for the rest). */
async function send({ signedIn, paths, input, junkPath }: BadRequest): Promise<number> {
  const headers: Record<string, string> = signedIn ? { cookie: await sessionCookie() } : {};
  const batch = paths.length > 1;
  const body =
    'raw' in input
      ? input.raw
      : JSON.stringify(
          batch ? Object.fromEntries(paths.map((_, i) => [i, input.json])) : input.json,
        );
  const path = junkPath ?? paths.join(',');
  const isMutation = procedureTypes.get(paths[0] ?? '') === 'mutation';
  const url = new URL(`${t.baseUrl}/trpc/${path}`);
  if (batch) url.searchParams.set('batch', '1');
  if (!isMutation) {
    url.search = `${url.search ? `${url.search}&` : '?'}input=${encodeURIComponent(body ?? '')}`;
    return (await fetch(url, { headers })).status;
  }
  headers['content-type'] = 'application/json';
  return (await fetch(url, { method: 'POST', headers, body })).status;
}

describe('bad input to every procedure, signed in and out', () => {
  it('gets a 4xx (never a 5xx nor an error log), and the server keeps serving', async () => {
    const errorsBefore = t.logs.filter((line) => line.level >= 50).length;
    await fc.assert(
      fc.asyncProperty(badRequest, async (request) => {
        const status = await send(request);
        expect(status, JSON.stringify(request).slice(0, 300)).toBeLessThan(500);
        // Valid input may slip through, but NUL never does, and signed out only auth.* answers.
        if (request.junkPath !== null) return;
        const hasNul = 'json' in request.input && JSON.stringify(request.input).includes('\\u0000');
        const protectedPaths = request.paths.some((path) => !path.startsWith('auth.'));
        if (hasNul || (!request.signedIn && protectedPaths)) expect(status).toBeGreaterThan(399);
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
});
