import { z } from 'zod';
import { DEFAULT_DAILY_LIMITS } from './defaults';

const positiveInt = z.coerce.number().int().positive();

/** `true` is one proxy (the usual reverse proxy), `false` none, or the number of proxies in front. */
const proxyHops = z.union(
  [
    z.stringbool().transform((trusted) => (trusted ? 1 : 0)),
    z.coerce.number().int().min(0).max(10),
  ],
  { error: 'must be true, false or the number of trusted proxies (0-10)' },
);

/** Every setting read from the environment, with the product's defaults. */
const configSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65_535).default(3000),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// URL')
    .optional(),
  DATA_DIR: z.string().min(1).default('./.data'),
  REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\/\S+$/, 'must be a redis:// or rediss:// URL')
    .optional(),
  // Keys and channels of one deployment start with it, so others can share the Redis server.
  REDIS_KEY_PREFIX: z
    .string()
    .regex(/^[\w:.-]{1,64}$/, 'must be 1-64 letters, digits or _ : . -')
    .default('coach:'),
  TRUST_PROXY: proxyHops.default(0),
  SECURE_COOKIES: z.enum(['auto', 'always', 'never']).default('auto'),
  WS_MAX_PER_IP: positiveInt.default(20),
  WS_IDLE_TIMEOUT_MS: positiveInt.default(5 * 60_000),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  DEMO_EMAIL: z.email().default('demo@example.com'),
  DEMO_PASSWORD: z.string().min(8, 'must be at least 8 characters').default('demo-password'),
  ANTHROPIC_API_KEY: z.string().min(1).optional(),
  ANTHROPIC_BASE_URL: z.url().optional(),
  CHAT_MODEL: z.string().min(1).default('claude-haiku-4-5'),
  CHAT_MAX_RESPONSE_TOKENS: positiveInt.default(500),
  CHAT_TEMPERATURE: z.coerce.number().min(0).max(1).default(0.7),
  CHAT_DAILY_INPUT_LIMIT: positiveInt.default(DEFAULT_DAILY_LIMITS.dailyInputTokens),
  CHAT_DAILY_OUTPUT_LIMIT: positiveInt.default(DEFAULT_DAILY_LIMITS.dailyOutputTokens),
  CHAT_DAILY_MESSAGE_LIMIT: positiveInt.default(DEFAULT_DAILY_LIMITS.dailyMessages),
  CHAT_MAX_CONVERSATION_MESSAGES: positiveInt.default(10),
  CHAT_MAX_CONCURRENT_STREAMS: positiveInt.default(3),
  CHAT_FIRST_TOKEN_TIMEOUT_MS: positiveInt.default(10_000),
  CHAT_RECONNECT_GRACE_MS: positiveInt.default(5000),
  // The model's narrative on top of each day's recommendation and autopsy (needs a model key).
  COACHING_NARRATIVES: z.stringbool().default(false),
  TIMEZONE_CHANGE_INTERVAL_MINUTES: z.coerce.number().int().min(0).default(60),
  // HTTP carries only small forms (sign-in, journal, settings); chat goes over the WebSocket.
  HTTP_MAX_BODY_BYTES: positiveInt.default(1024 * 1024),
  HTTP_MAX_BATCH_SIZE: positiveInt.default(20),
  // Activity uploads: one file (a 24-hour FIT file is ≈ 5 MiB), or one export zip.
  UPLOAD_MAX_FILE_BYTES: positiveInt.default(64 * 1024 * 1024),
  UPLOAD_MAX_TOTAL_BYTES: positiveInt.default(1024 * 1024 * 1024),
  // GET /metrics answers only with this bearer token; unset, there is no /metrics.
  METRICS_TOKEN: z.string().min(16, 'must be at least 16 characters').optional(),
});

export interface Config {
  port: number;
  /** how many reverse proxies in front of us append to X-Forwarded-For (0: none, trust no header) */
  trustProxyHops: number;
  /** the session cookie's Secure attribute: on HTTPS requests (auto), always, or never */
  secureCookies: 'auto' | 'always' | 'never';
  webSocket: {
    /** open WebSockets one client address may have */
    maxPerAddress: number;
    /** a WebSocket that carries no message either way for this long is closed */
    idleTimeoutMs: number;
  };
  databaseUrl: string | undefined;
  dataDir: string;
  /** shared by the instances behind a load balancer (answers, stops, cache invalidations); undefined: one instance */
  redis: { url: string; keyPrefix: string } | undefined;
  logLevel: z.infer<typeof configSchema>['LOG_LEVEL'];
  demo: { email: string; password: string };
  anthropic: { apiKey: string | undefined; baseUrl: string | undefined };
  /** least time between two changes of an athlete's time zone (each re-dates their activities) */
  timezoneChangeIntervalMs: number;
  /** the model writes a narrative on top of the engine's recommendation and autopsy (with a key) */
  coachingNarratives: boolean;
  chat: {
    model: string;
    maxResponseTokens: number;
    temperature: number;
    dailyInputLimit: number;
    dailyOutputLimit: number;
    dailyMessageLimit: number;
    maxConversationMessages: number;
    /** answers one athlete may have in progress at once, per server instance */
    maxConcurrentStreams: number;
    /** longest wait for the model's first token (connection, retries, headers) before the offline coach answers */
    firstTokenTimeoutMs: number;
    /** how long an answer nobody listens to runs on, for its client to reconnect (to any instance) */
    reconnectGraceMs: number;
  };
  http: {
    /** a tRPC request body larger than this is refused with 413 before it is read */
    maxBodyBytes: number;
    /** the most calls one batched tRPC request may carry */
    maxBatchSize: number;
  };
  upload: {
    /** an uploaded activity file larger than this is refused with 413 */
    maxFileBytes: number;
    /** an uploaded export zip larger than this is refused with 413 */
    maxTotalBytes: number;
  };
  /** `GET /metrics` (Prometheus) with `Authorization: Bearer <token>`; undefined: not served */
  metricsToken: string | undefined;
}

/** Thrown at start-up with one line per bad setting, naming the variable. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  // An empty variable means "not set", as in most shells' `FOO= cmd`.
  const present = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== ''));
  const parsed = configSchema.safeParse(present);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`),
    );
  }
  const e = parsed.data;
  if (e.REDIS_URL && !e.DATABASE_URL) {
    // The embedded database belongs to one process; instances that share Redis share PostgreSQL too.
    throw new ConfigError([
      'REDIS_URL: several instances need one shared database: set DATABASE_URL (postgres://…) too',
    ]);
  }
  return {
    port: e.PORT,
    trustProxyHops: e.TRUST_PROXY,
    secureCookies: e.SECURE_COOKIES,
    webSocket: { maxPerAddress: e.WS_MAX_PER_IP, idleTimeoutMs: e.WS_IDLE_TIMEOUT_MS },
    databaseUrl: e.DATABASE_URL,
    dataDir: e.DATA_DIR,
    redis: e.REDIS_URL ? { url: e.REDIS_URL, keyPrefix: e.REDIS_KEY_PREFIX } : undefined,
    logLevel: e.LOG_LEVEL,
    demo: { email: e.DEMO_EMAIL, password: e.DEMO_PASSWORD },
    anthropic: { apiKey: e.ANTHROPIC_API_KEY, baseUrl: e.ANTHROPIC_BASE_URL },
    timezoneChangeIntervalMs: e.TIMEZONE_CHANGE_INTERVAL_MINUTES * 60_000,
    coachingNarratives: e.COACHING_NARRATIVES,
    chat: {
      model: e.CHAT_MODEL,
      maxResponseTokens: e.CHAT_MAX_RESPONSE_TOKENS,
      temperature: e.CHAT_TEMPERATURE,
      dailyInputLimit: e.CHAT_DAILY_INPUT_LIMIT,
      dailyOutputLimit: e.CHAT_DAILY_OUTPUT_LIMIT,
      dailyMessageLimit: e.CHAT_DAILY_MESSAGE_LIMIT,
      maxConversationMessages: e.CHAT_MAX_CONVERSATION_MESSAGES,
      maxConcurrentStreams: e.CHAT_MAX_CONCURRENT_STREAMS,
      firstTokenTimeoutMs: e.CHAT_FIRST_TOKEN_TIMEOUT_MS,
      reconnectGraceMs: e.CHAT_RECONNECT_GRACE_MS,
    },
    http: { maxBodyBytes: e.HTTP_MAX_BODY_BYTES, maxBatchSize: e.HTTP_MAX_BATCH_SIZE },
    upload: { maxFileBytes: e.UPLOAD_MAX_FILE_BYTES, maxTotalBytes: e.UPLOAD_MAX_TOTAL_BYTES },
    metricsToken: e.METRICS_TOKEN,
  };
}
