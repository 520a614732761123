import { scrypt } from 'node:crypto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  dummyPasswordHash,
  hashPassword,
  MAX_CONCURRENT_DERIVATIONS,
  verifyPassword,
} from './password';

// The real scrypt, watched: how many derivations run at once, and in which order they start.
vi.mock('node:crypto', async (importOriginal) => {
  const actual = await importOriginal<typeof import('node:crypto')>();
  return { ...actual, scrypt: vi.fn(actual.scrypt) };
});
const derivations = vi.mocked(scrypt);

describe('password hashing', () => {
  afterEach(() => {
    vi.unstubAllEnvs();
  });

  it('hashes at OWASP’s minimum cost, verifies the right password and refuses a wrong one', async () => {
    vi.stubEnv('PASSWORD_HASH_COST', undefined);
    const stored = await hashPassword('demo-password');
    expect(stored).toMatch(/^scrypt\$131072\$8\$1\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$/);
    expect(stored).not.toContain('demo-password');
    expect(await verifyPassword('demo-password', stored)).toBe(true);
    expect(await verifyPassword('demo-passworD', stored)).toBe(false);
    expect(dummyPasswordHash().split('$').slice(1, 4)).toEqual(['131072', '8', '1']);
  });

  it('hashes at the test cost only when PASSWORD_HASH_COST=test, and verifies by the hash’s own cost', async () => {
    vi.stubEnv('PASSWORD_HASH_COST', 'test');
    const cheap = await hashPassword('demo-password');
    expect(cheap).toMatch(/^scrypt\$1024\$8\$1\$/);
    expect(dummyPasswordHash().split('$').slice(1, 4)).toEqual(['1024', '8', '1']);
    vi.stubEnv('PASSWORD_HASH_COST', 'TEST');
    const full = await hashPassword('demo-password');
    expect(full).toMatch(/^scrypt\$131072\$/);
    // Each hash is checked at its own cost, whatever new hashes get now.
    expect(await verifyPassword('demo-password', full)).toBe(true);
    vi.stubEnv('PASSWORD_HASH_COST', 'test');
    expect(await verifyPassword('demo-password', full)).toBe(true);
    expect(await verifyPassword('demo-password', cheap)).toBe(true);
    expect(await verifyPassword('demo-passworD', cheap)).toBe(false);
  });

  it('salts every hash', async () => {
    expect(await hashPassword('same')).not.toBe(await hashPassword('same'));
  });

  it('refuses malformed stored hashes instead of throwing', async () => {
    expect(await verifyPassword('x', '')).toBe(false);
    expect(await verifyPassword('x', 'bcrypt$whatever')).toBe(false);
  });
});

describe('concurrent derivations', () => {
  it(`runs at most ${MAX_CONCURRENT_DERIVATIONS} at once, a sign-in before waiting sign-ups`, async () => {
    const stored = await hashPassword('right-password');
    const actual = await vi.importActual<typeof import('node:crypto')>('node:crypto');
    let running = 0;
    let most = 0;
    const started: string[] = [];
    derivations.mockImplementation(((password, salt, length, options, done) => {
      started.push(String(password));
      running += 1;
      most = Math.max(most, running);
      actual.scrypt(password, salt, length, options, (error, key) => {
        running -= 1;
        done(error, key);
      });
    }) as typeof scrypt);

    const hashes = Array.from({ length: 5 }, (_, i) => hashPassword(`new-${i}`));
    const signIn = verifyPassword('right-password', stored);
    expect(await signIn).toBe(true);
    await Promise.all(hashes);

    expect(MAX_CONCURRENT_DERIVATIONS).toBe(2);
    expect(most).toBe(MAX_CONCURRENT_DERIVATIONS);
    // The sign-in, asked for after five sign-ups, starts as soon as the first slot is free.
    expect(started).toEqual(['new-0', 'new-1', 'right-password', 'new-2', 'new-3', 'new-4']);
    derivations.mockRestore();
  });
});
