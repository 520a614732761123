import { randomBytes, type ScryptOptions, scrypt, timingSafeEqual } from 'node:crypto';
import { type Priority, WorkSlots } from './work-slots';

// scrypt with OWASP's minimum cost (N=2^17, r=8, p=1); the parameters travel with each hash so
// they can be raised later without invalidating stored passwords.
const COST = { N: 2 ** 17, r: 8, p: 1 } as const;
/**
 * The cost of new hashes in test runs only (PASSWORD_HASH_COST=test, which the test configurations
 * set and the servers the tests start inherit): the same scrypt and format at 1/128 of the work, as
 * a test run's hundreds of sign-ins would otherwise spend minutes of CPU hashing. A hash keeps its
 * own parameters, so one made at the full cost still takes the full cost to verify.
 */
const TEST_COST = { N: 2 ** 10, r: 8, p: 1 } as const;
const KEY_LENGTH = 32;

/** Whether new hashes get TEST_COST: only for the tests, and a server says so when it starts. */
export function hashesAtTestCost(): boolean {
  return process.env.PASSWORD_HASH_COST === 'test';
}

function newHashCost(): typeof COST | typeof TEST_COST {
  return hashesAtTestCost() ? TEST_COST : COST;
}

function format(cost: ScryptOptions, salt: string, key: string): string {
  return ['scrypt', cost.N, cost.r, cost.p, salt, key].join('$');
}

/**
 * scrypt derivations running at once in this process. Each one holds a thread of libuv's pool
 * (4 threads by default) for a third of a second or more, and that pool also serves file I/O and
 * DNS: a burst of sign-ins or sign-ups waits here instead of taking every thread.
 */
export const MAX_CONCURRENT_DERIVATIONS = 2;
const slots = new WorkSlots(MAX_CONCURRENT_DERIVATIONS);

function derive(
  password: string,
  salt: Buffer,
  cost: ScryptOptions,
  priority: Priority,
): Promise<Buffer> {
  return slots.run(
    priority,
    () =>
      new Promise((resolve, reject) => {
        scrypt(
          password.normalize('NFKC'),
          salt,
          KEY_LENGTH,
          { ...cost, maxmem: 256 * 1024 * 1024 },
          (error, key) => (error ? reject(error) : resolve(key)),
        );
      }),
  );
}

/** `scrypt$N$r$p$salt$key`, salt and key in base64. Waits behind sign-ins (see verifyPassword). */
export async function hashPassword(password: string): Promise<string> {
  const cost = newHashCost();
  const salt = randomBytes(16);
  const key = await derive(password, salt, cost, 'normal');
  return format(cost, salt.toString('base64'), key.toString('base64'));
}

/**
 * A hash of a password nobody knows, at the cost of new hashes: an unknown email is checked against
 * it so that it takes as long as a known one.
 */
export function dummyPasswordHash(): string {
  return format(
    newHashCost(),
    'NzMm/HNj0UL8c9NDulaLkQ==',
    'rDUxoxj7GERqyBeaA9Nh0+HrIx3GbWtouThneD1tl+w=',
  );
}

/**
 * Whether `password` matches the stored hash. Sign-ins go ahead of waiting sign-ups: an athlete
 * signing in is not kept waiting by a burst of new accounts (which the sign-up throttle bounds).
 */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, key] = stored.split('$');
  if (scheme !== 'scrypt' || !salt || !key) return false;
  const expected = Buffer.from(key, 'base64');
  const actual = await derive(
    password,
    Buffer.from(salt, 'base64'),
    { N: Number(n), r: Number(r), p: Number(p) },
    'urgent',
  );
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}
