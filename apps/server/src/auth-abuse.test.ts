// Abuse of sign-up and sign-in against the real server: each client is another loopback address
// (the socket's own, no proxy header), as an attacker with several addresses would be.
import { scrypt } from 'node:crypto';
import { hashPassword } from '@coach/auth';
import { afterAll, beforeAll, beforeEach, describe, expect, it, onTestFinished, vi } from 'vitest';
import { type JsonResponse, postJson } from './testing/http-from';
import { startTestApp, type TestApp } from './testing/test-app';

// The real scrypt, watched: which passwords are derived, in which order, how many at once.
vi.mock('node:crypto', async (importOriginal) => {
  const actual = await importOriginal<typeof import('node:crypto')>();
  return { ...actual, scrypt: vi.fn(actual.scrypt) };
});
const { scrypt: realScrypt } = await vi.importActual<typeof import('node:crypto')>('node:crypto');
let derived: string[] = [];
let running = 0;
let mostAtOnce = 0;
vi.mocked(scrypt).mockImplementation(((password, salt, length, options, done) => {
  derived.push(String(password));
  running += 1;
  mostAtOnce = Math.max(mostAtOnce, running);
  realScrypt(password, salt, length, options, (error, key) => {
    running -= 1;
    done(error, key);
  });
}) as typeof scrypt);

let testApp: TestApp;
let trpc: string;
const OWNER = { email: 'owner@abuse.test', password: 'owner-password-1' };

beforeAll(async () => {
  testApp = await startTestApp();
  await testApp.database.prisma.user.create({
    data: {
      email: OWNER.email,
      passwordHash: await hashPassword(OWNER.password),
      displayName: 'Owner',
    },
  });
  trpc = `${testApp.baseUrl}/trpc`;
}, 120_000);
afterAll(() => testApp.close());
beforeEach(() => {
  derived = [];
  mostAtOnce = 0;
});

let accounts = 0;
function newAccount(password?: string) {
  accounts += 1;
  return {
    email: `runner-${accounts}@abuse.test`,
    password: password ?? `fresh-password-${accounts}`,
    displayName: 'Runner',
  };
}

const signUp = (input: object, from: string) => postJson(`${trpc}/auth.signup`, input, from);
const signIn = (input: object, from: string) => postJson(`${trpc}/auth.login`, input, from);

function errorOf(response: JsonResponse): { code?: string; message?: string } {
  const { error } = response.body as { error?: { message?: string; data?: { code?: string } } };
  return { code: error?.data?.code, message: error?.message };
}

describe('sign-up abuse', () => {
  it('refuses an address its 11th sign-up within the hour, not other addresses', async () => {
    // Ten attempts with an email that is taken: refused as CONFLICT, without hashing.
    for (let i = 0; i < 10; i += 1) {
      const response = await signUp({ ...newAccount(), email: OWNER.email }, '127.0.0.2');
      expect(errorOf(response).code).toBe('CONFLICT');
    }
    expect(derived).toEqual([]);

    const refused = await signUp(newAccount(), '127.0.0.2');
    expect(refused.status).toBe(429);
    expect(errorOf(refused)).toEqual({
      code: 'TOO_MANY_REQUESTS',
      message: expect.stringMatching(/^Too many sign-ups from this address; try again in \d+ s\.$/),
    });
    expect(derived).toEqual([]);

    const elsewhere = await signUp(newAccount(), '127.0.0.3');
    expect(elsewhere.status).toBe(200);
    expect(elsewhere.cookie).toMatch(/^coach_session=/);
  });

  it('hashes two passwords at a time, and lets a sign-in go before waiting sign-ups', async () => {
    // At the full cost, as in production: a sign-up's hash must outlast the sign-in's request.
    vi.stubEnv('PASSWORD_HASH_COST', undefined);
    onTestFinished(() => {
      vi.unstubAllEnvs();
    });
    const burst = Array.from({ length: 6 }, (_, i) =>
      signUp(newAccount(`burst-password-${i}`), `127.0.1.${i + 1}`),
    );
    await vi.waitFor(() => expect(derived.length).toBeGreaterThanOrEqual(2), {
      timeout: 20_000,
    });
    const signedIn = await signIn(OWNER, '127.0.2.1');
    expect(signedIn.status).toBe(200);
    for (const response of await Promise.all(burst)) expect(response.status).toBe(200);

    expect(mostAtOnce).toBe(2);
    expect(derived).toHaveLength(7);
    // Asked for while sign-ups were still waiting for a slot, the sign-in went ahead of them.
    expect(derived.indexOf(OWNER.password)).toBeLessThan(derived.length - 1);
  });
});

describe('weak passwords', () => {
  it('refuses a common password, or the email as password, at sign-up with BAD_REQUEST', async () => {
    for (const password of ['password', '12345678']) {
      const response = await signUp(newAccount(password), '127.0.0.6');
      expect(response.status).toBe(400);
      expect(errorOf(response)).toEqual({
        code: 'BAD_REQUEST',
        message: 'This password is one of the most commonly used ones; please choose another.',
      });
    }
    const account = newAccount();
    const own = await signUp({ ...account, password: account.email }, '127.0.0.6');
    expect(errorOf(own)).toEqual({
      code: 'BAD_REQUEST',
      message: 'The password must not be your email address or your name; please choose another.',
    });
    expect(derived).toEqual([]);
  });
});

describe('sign-in abuse', () => {
  it('wrong passwords from one address do not lock the owner out from another', async () => {
    const attacker = '127.0.0.4';
    for (let i = 0; i < 5; i += 1) {
      const response = await signIn({ email: OWNER.email, password: `guess-${i}` }, attacker);
      expect(errorOf(response).code).toBe('UNAUTHORIZED');
    }
    const refused = await signIn({ email: OWNER.email, password: 'guess-5' }, attacker);
    expect(refused.status).toBe(429);
    expect(errorOf(refused)).toEqual({
      code: 'TOO_MANY_REQUESTS',
      message: expect.stringMatching(/^Too many failed sign-in attempts; try again in \d+ s\.$/),
    });

    const owner = await signIn(OWNER, '127.0.0.5');
    expect(owner.status).toBe(200);
    expect(owner.cookie).toMatch(/^coach_session=/);
    // The attacker's address stays locked for this account, right password or not.
    expect((await signIn(OWNER, attacker)).status).toBe(429);
  });
});
