// Test support: a key prefix of one's own on the test Redis server, kept out of the main export.
import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';

export const TEST_REDIS_URL = process.env.REDIS_URL_TEST ?? 'redis://127.0.0.1:6379';

export interface TestRedis {
  url: string;
  /** unique to this caller, so parallel runs never meet */
  keyPrefix: string;
  /** the keys under the prefix now */
  keys(): Promise<string[]>;
  /** deletes every key under the prefix and closes the connection */
  drop(): Promise<void>;
}

/** A fresh key prefix on the test Redis server, or null when no server answers (callers skip). */
export async function openTestRedis(): Promise<TestRedis | null> {
  const redis = new Redis(TEST_REDIS_URL, {
    protocol: 2,
    lazyConnect: true,
    connectTimeout: 2000,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
  });
  redis.on('error', () => {});
  try {
    await redis.connect();
    await redis.ping();
  } catch {
    redis.disconnect();
    return null;
  }
  const keyPrefix = `coach-test:${randomUUID()}:`;
  const keys = async () => {
    const found: string[] = [];
    let cursor = '0';
    do {
      const [next, batch] = await redis.scan(cursor, 'MATCH', `${keyPrefix}*`, 'COUNT', 1000);
      found.push(...batch);
      cursor = next;
    } while (cursor !== '0');
    return found;
  };
  return {
    url: TEST_REDIS_URL,
    keyPrefix,
    keys,
    drop: async () => {
      const found = await keys();
      if (found.length > 0) await redis.del(...found);
      await redis.quit();
    },
  };
}
