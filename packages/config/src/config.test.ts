import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config';

describe('loadConfig', () => {
  it('uses the documented defaults when nothing is set', () => {
    const config = loadConfig({});
    expect(config.port).toBe(3000);
    expect(config.trustProxyHops).toBe(0);
    expect(config.secureCookies).toBe('auto');
    expect(config.webSocket).toEqual({ maxPerAddress: 20, idleTimeoutMs: 300_000 });
    expect(config.databaseUrl).toBeUndefined();
    expect(config.dataDir).toBe('./.data');
    expect(config.timezoneChangeIntervalMs).toBe(60 * 60_000);
    expect(config.coachingNarratives).toBe(false);
    expect(config.demo).toEqual({ email: 'demo@example.com', password: 'demo-password' });
    expect(config.chat).toEqual({
      model: 'claude-haiku-4-5',
      maxResponseTokens: 500,
      temperature: 0.7,
      dailyInputLimit: 600_000,
      dailyOutputLimit: 150_000,
      dailyMessageLimit: 100,
      maxConversationMessages: 10,
      maxConcurrentStreams: 3,
      firstTokenTimeoutMs: 10_000,
      reconnectGraceMs: 5000,
    });
    expect(config.http).toEqual({ maxBodyBytes: 1_048_576, maxBatchSize: 20 });
    expect(config.upload).toEqual({ maxFileBytes: 64 * 1024 * 1024, maxTotalBytes: 1024 ** 3 });
    expect(config.metricsToken).toBeUndefined();
    expect(config.redis).toBeUndefined();
  });

  it('takes a Redis server only beside a shared PostgreSQL database', () => {
    const databaseUrl = 'postgres://postgres@127.0.0.1:5432/coach';
    expect(
      loadConfig({ REDIS_URL: 'redis://127.0.0.1:6379', DATABASE_URL: databaseUrl }).redis,
    ).toEqual({ url: 'redis://127.0.0.1:6379', keyPrefix: 'coach:' });
    expect(
      loadConfig({
        REDIS_URL: 'rediss://cache.internal:6380/2',
        REDIS_KEY_PREFIX: 'coach-eu:',
        DATABASE_URL: databaseUrl,
      }).redis,
    ).toEqual({ url: 'rediss://cache.internal:6380/2', keyPrefix: 'coach-eu:' });
    expect(() => loadConfig({ REDIS_URL: 'redis://127.0.0.1:6379' })).toThrow(
      /REDIS_URL: several instances need one shared database: set DATABASE_URL/,
    );
    expect(() => loadConfig({ REDIS_URL: 'http://x', DATABASE_URL: databaseUrl })).toThrow(
      /REDIS_URL: must be a redis:\/\//,
    );
    expect(() => loadConfig({ REDIS_KEY_PREFIX: 'has spaces', DATABASE_URL: databaseUrl })).toThrow(
      /REDIS_KEY_PREFIX/,
    );
  });

  it('serves metrics only with a token long enough not to be guessed', () => {
    expect(loadConfig({ METRICS_TOKEN: 'a-long-enough-metrics-token' }).metricsToken).toBe(
      'a-long-enough-metrics-token',
    );
    expect(() => loadConfig({ METRICS_TOKEN: 'short' })).toThrow(
      /METRICS_TOKEN: must be at least 16/,
    );
  });

  it('reads and coerces values from the environment', () => {
    const config = loadConfig({
      PORT: '8080',
      DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/coach',
      CHAT_TEMPERATURE: '0.2',
      CHAT_DAILY_MESSAGE_LIMIT: '5',
      CHAT_MAX_CONCURRENT_STREAMS: '1',
      CHAT_FIRST_TOKEN_TIMEOUT_MS: '2500',
      CHAT_RECONNECT_GRACE_MS: '750',
      TIMEZONE_CHANGE_INTERVAL_MINUTES: '0',
      COACHING_NARRATIVES: 'true',
      ANTHROPIC_API_KEY: 'sk-test',
      TRUST_PROXY: 'true',
      HTTP_MAX_BODY_BYTES: '65536',
      HTTP_MAX_BATCH_SIZE: '5',
      SECURE_COOKIES: 'always',
      WS_MAX_PER_IP: '3',
      WS_IDLE_TIMEOUT_MS: '1000',
      UPLOAD_MAX_FILE_BYTES: '1000',
      UPLOAD_MAX_TOTAL_BYTES: '2000',
    });
    expect(config.upload).toEqual({ maxFileBytes: 1000, maxTotalBytes: 2000 });
    expect(config.http).toEqual({ maxBodyBytes: 65_536, maxBatchSize: 5 });
    expect(config.webSocket).toEqual({ maxPerAddress: 3, idleTimeoutMs: 1000 });
    expect(config.secureCookies).toBe('always');
    expect(config.trustProxyHops).toBe(1);
    expect(config.port).toBe(8080);
    expect(config.databaseUrl).toBe('postgres://postgres@127.0.0.1:5432/coach');
    expect(config.chat.temperature).toBe(0.2);
    expect(config.chat.dailyMessageLimit).toBe(5);
    expect(config.chat.maxConcurrentStreams).toBe(1);
    expect(config.chat.firstTokenTimeoutMs).toBe(2500);
    expect(config.chat.reconnectGraceMs).toBe(750);
    expect(config.timezoneChangeIntervalMs).toBe(0);
    expect(config.coachingNarratives).toBe(true);
    expect(config.anthropic.apiKey).toBe('sk-test');
  });

  it('reads TRUST_PROXY as a flag (one proxy) or a number of proxies', () => {
    expect(loadConfig({ TRUST_PROXY: 'false' }).trustProxyHops).toBe(0);
    expect(loadConfig({ TRUST_PROXY: 'true' }).trustProxyHops).toBe(1);
    expect(loadConfig({ TRUST_PROXY: '2' }).trustProxyHops).toBe(2);
    expect(() => loadConfig({ TRUST_PROXY: 'maybe' })).toThrow(/^ {2}- TRUST_PROXY: must be/m);
    expect(() => loadConfig({ TRUST_PROXY: '-1' })).toThrow(/TRUST_PROXY/);
  });

  it('treats an empty variable as unset', () => {
    expect(loadConfig({ PORT: '', DATABASE_URL: '' }).port).toBe(3000);
  });

  it('names every bad variable in one error', () => {
    let error: unknown;
    try {
      loadConfig({ PORT: 'eighty', DATABASE_URL: 'mysql://x', CHAT_TEMPERATURE: '3' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems.join('\n');
    expect(problems).toMatch(/^PORT: /m);
    expect(problems).toMatch(/^DATABASE_URL: must be a postgres/m);
    expect(problems).toMatch(/^CHAT_TEMPERATURE: /m);
  });

  it('never echoes a secret value in its error', () => {
    expect(() =>
      loadConfig({ ANTHROPIC_BASE_URL: 'not a url', ANTHROPIC_API_KEY: 'sk-secret' }),
    ).toThrow(/ANTHROPIC_BASE_URL/);
    try {
      loadConfig({ ANTHROPIC_BASE_URL: 'not a url', ANTHROPIC_API_KEY: 'sk-secret' });
    } catch (e) {
      expect(String(e)).not.toContain('sk-secret');
    }
  });
});
