/**
 * A fake Anthropic Messages API on a real `node:http` server (127.0.0.1, random port), for tests
 * and benchmarks that drive the real `@anthropic-ai/sdk` over loopback.
 *
 * It speaks `POST /v1/messages`, streaming (`stream: true`, server-sent events in the documented
 * order) or not (one JSON message), and answers errors with the real API's JSON error bodies.
 * It imports no test framework.
 *
 * Prompt caching, simulated (documented because tests rely on it):
 * - A request "uses the cache" when a text block of `system` or of a message carries
 *   `cache_control`, or the request has a top-level `cache_control` (automatic caching: a
 *   breakpoint on the last block). Without any, both cache counters are 0.
 * - The prompt is a list of blocks (system blocks, then each message's content blocks), each
 *   counted as ceil(chars / 4) tokens. The cache holds prefixes of that list, keyed by the model
 *   and the exact text and roles of the blocks up to and including a breakpoint.
 * - Lookup: from each breakpoint, last first, the fake looks back up to 20 blocks for the longest
 *   prefix already cached (like the real API). Those tokens are `cache_read_input_tokens`.
 * - Write: the tokens after the prefix read, up to the last breakpoint, are
 *   `cache_creation_input_tokens`; every breakpoint's prefix is then cached (5 minutes, or an
 *   hour for `ttl: '1h'`; a read refreshes it). Tokens after the last breakpoint are
 *   `input_tokens`. So the first request with a given system text reports a cache write and
 *   later ones a cache read; with a breakpoint on the last message, each turn reads the whole
 *   previous turn's prefix.
 * - Prefixes below the model's minimum (`minCacheableTokens(model)`: Haiku 4.5 4,096 tokens,
 *   Sonnet 4.x 1,024, …) are not cached, silently, like the real API; the option
 *   `minCacheableTokens` overrides it for every model.
 * - Only successful replies (streamed or not) touch the cache; an HTTP error reply does not.
 * A reply's `usage` option overrides any computed counter.
 */
import { createHash, type Hash } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { minCacheableTokens } from './cache-minimums';
import { estimateTokens } from './token-estimate';

export interface FakeUsage {
  input_tokens: number;
  output_tokens: number;
  cache_creation_input_tokens: number;
  cache_read_input_tokens: number;
}

export interface FakeReply {
  /** The answer, streamed in word-sized tokens. Default: a short coaching sentence. */
  text?: string;
  /** Explicit tokens (one `text_delta` each); overrides the split of `text`. */
  tokens?: string[];
  /** Delay before each `text_delta` (ms), counted from the previous one. Default 0. */
  tokenDelayMs?: number;
  /**
   * Absolute schedule instead of `tokenDelayMs`: delta i (0-based) is due `i × tokenIntervalMs`
   * after the stream starts (`RecordedRequest.streamStartedAt`). A delta the fake could not send
   * on time goes out as soon as it can, and later ones keep their own due times, so a stall (a
   * busy event loop, a slow reader) does not push the rest of the answer back.
   */
  tokenIntervalMs?: number;
  /** Overrides of the computed usage. */
  usage?: Partial<FakeUsage>;
  /**
   * Answer with this HTTP error status instead (e.g. 400, 401, 403, 404, 429, 500, 529), with the
   * real API's JSON error body. 429 carries `retry-after`.
   */
  status?: number;
  /** `error.type` of the error body; default from the status (429 → rate_limit_error, …). */
  errorType?: string;
  /** `error.message` of the error body; default a message like the real API's. */
  errorMessage?: string;
  /**
   * `retry-after` header in seconds (fractions allowed: the SDK honours them). Sent on 429 by
   * default (1 s, like a short real back-off) and on any error status when given. Tests should
   * pass something small such as 0.01.
   */
  retryAfter?: number;
  /** After N deltas, send an SSE `event: error` (`errorType` or `overloaded_error`) and end. */
  errorAfterTokens?: number;
  /** After N deltas, send nothing more; the socket stays open until the client goes away. */
  stallAfterTokens?: number;
  /** Streamed replies: after N deltas, drop the connection (no error event, no end of the body). */
  cutAfterTokens?: number;
  /**
   * Accept the request and never answer it: no status, no headers, the socket open until the
   * client goes away (a service that hangs before it says anything).
   */
  noResponse?: boolean;
  /** `stop_reason` of `message_delta`. Default `end_turn`, or `max_tokens` when truncated. */
  stopReason?: string;
  /** Extra response headers. */
  headers?: Record<string, string>;
}

type FakeReplyFactory = (request: RecordedRequest) => FakeReply;

interface FakeTextBlock {
  type: 'text';
  text: string;
  cache_control?: { type: 'ephemeral'; ttl?: '5m' | '1h' } | null;
  [key: string]: unknown;
}

interface FakeMessage {
  role: 'user' | 'assistant';
  content: string | FakeTextBlock[];
}

/** The request body as the client sent it; only shape-checked when the fake answered 200. */
interface FakeMessagesBody {
  model: string;
  max_tokens: number;
  messages: FakeMessage[];
  system?: string | FakeTextBlock[];
  temperature?: number;
  stream?: boolean;
  cache_control?: { type: 'ephemeral'; ttl?: '5m' | '1h' } | null;
  [key: string]: unknown;
}

interface RecordedRequest {
  /** The `request-id` header the fake answered with. */
  id: string;
  /** 0-based position among the requests since start or the last `reset()`. */
  index: number;
  method: string;
  path: string;
  /** Request headers, lower-case; `x-api-key` and `authorization` are redacted. */
  headers: Record<string, string>;
  body: FakeMessagesBody;
  /** `body.stream === true` */
  stream: boolean;
  /** The HTTP status the fake answered with (0 until it has answered). */
  status: number;
  /** The usage the fake reported (or was about to report) for this request. */
  usage: FakeUsage | null;
  /** `text_delta` events written so far. */
  deltasSent: number;
  /** The fake wrote the whole response (including after an SSE error event). */
  completed: boolean;
  /** The client went away before the fake finished the response. */
  aborted: boolean;
  /** The response is over: completed, aborted, or cut off by `close()`. */
  closed: boolean;
  receivedAt: number;
  /**
   * When the stream began (epoch ms, fractional): the origin of `tokenIntervalMs`'s schedule,
   * just before `message_start` is written. Null for errors and non-streaming replies.
   */
  streamStartedAt: number | null;
  closedAt: number | null;
}

interface FakeAnthropicCounts {
  /** Requests received since start or the last `reset()`. */
  requests: number;
  /** Responses still open right now (streams in progress, stalled, or delayed). */
  open: number;
  completed: number;
  aborted: number;
}

export interface FakeAnthropicOptions {
  /** Reply used when nothing is scripted. */
  defaultReply?: FakeReply;
  /**
   * Prefixes shorter than this are not cached, whatever the model. Default: the real model's
   * minimum (`minCacheableTokens(model)`, e.g. 4,096 for Haiku 4.5).
   */
  minCacheableTokens?: number;
  /** Clock for cache expiry (ms). Default `Date.now`. */
  now?: () => number;
}

export interface FakeAnthropic {
  /** Base URL for the SDK's `baseURL` / `ANTHROPIC_BASE_URL`, e.g. `http://127.0.0.1:40123`. */
  readonly url: string;
  /** Every request received, in order (cleared by `reset()`; the array itself is kept). */
  readonly requests: RecordedRequest[];
  /** Queues replies for the next valid requests, in order; then `setDefault`'s reply is used. */
  script(...next: Array<FakeReply | FakeReplyFactory>): void;
  setDefault(reply: FakeReply | FakeReplyFactory): void;
  /** Clears requests, queued replies, the default reply and the prompt cache. */
  reset(): void;
  counts(): FakeAnthropicCounts;
  /** Resolves when no response is open (rejects after `timeoutMs`, default 5 s). */
  waitForIdle(timeoutMs?: number): Promise<void>;
  /** Closes the kept-alive connections that carry no request, so the next calls connect anew. */
  closeIdleConnections(): void;
  /** Ends every open response and stops the server. */
  close(): Promise<void>;
}

/** Advice with no number in it: a number in no fact of the athlete's would be flagged as made up. */
export const DEFAULT_FAKE_TEXT =
  'Keep today easy: an easy run at conversational pace, then some light stretching.';

const CACHE_LOOKBACK_BLOCKS = 20;
const DEFAULT_RETRY_AFTER_SECONDS = 1;

const ERROR_TYPES: Record<number, string> = {
  400: 'invalid_request_error',
  401: 'authentication_error',
  402: 'billing_error',
  403: 'permission_error',
  404: 'not_found_error',
  413: 'request_too_large',
  429: 'rate_limit_error',
  500: 'api_error',
  503: 'api_error',
  504: 'timeout_error',
  529: 'overloaded_error',
};

const ERROR_MESSAGES: Record<string, string> = {
  invalid_request_error: 'Invalid request.',
  authentication_error: 'invalid x-api-key',
  billing_error: 'Your credit balance is too low to access the Anthropic API.',
  permission_error: 'Your API key does not have permission to use the specified resource.',
  not_found_error: 'Not found.',
  request_too_large: 'Request exceeds the maximum allowed number of bytes.',
  rate_limit_error: 'Number of request tokens has exceeded your per-minute rate limit.',
  api_error: 'Internal server error',
  timeout_error: 'Request timed out.',
  overloaded_error: 'Overloaded',
};

/** Splits text into word-sized tokens (" word" style); concatenating them gives the text back. */
export function splitIntoTokens(text: string): string[] {
  if (text === '') return [];
  return text.split(/(?<=\S)(?=\s)/);
}

class RequestError extends Error {
  constructor(
    readonly status: number,
    readonly type: string,
    message: string,
  ) {
    super(message);
  }
}

interface PromptBlock {
  role: 'system' | 'user' | 'assistant';
  text: string;
  tokens: number;
  /** ttl in ms when this block is a cache breakpoint */
  breakpointTtlMs: number | null;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function invalid(message: string): RequestError {
  return new RequestError(400, 'invalid_request_error', message);
}

function checkCacheControl(value: unknown, where: string): void {
  if (value === undefined || value === null) return;
  if (!isRecord(value) || value.type !== 'ephemeral') {
    throw invalid(`${where}.cache_control.type: Input should be 'ephemeral'`);
  }
  if (value.ttl !== undefined && value.ttl !== '5m' && value.ttl !== '1h') {
    throw invalid(`${where}.cache_control.ttl: Input should be '5m' or '1h'`);
  }
}

function checkTextBlocks(blocks: unknown[], where: string): void {
  blocks.forEach((block, i) => {
    if (!isRecord(block) || block.type !== 'text') {
      throw invalid(`${where}.${i}.type: the fake supports only text blocks`);
    }
    if (typeof block.text !== 'string' || block.text.length === 0) {
      throw invalid(`${where}.${i}: text content blocks must be non-empty`);
    }
    checkCacheControl(block.cache_control, `${where}.${i}`);
  });
}

/** Validates a Messages API body the way the real API would, for the mistakes clients make. */
function validateMessagesBody(body: unknown): FakeMessagesBody {
  if (!isRecord(body)) throw invalid('Request body must be a JSON object');
  if (typeof body.model !== 'string' || body.model.length === 0) {
    throw invalid('model: Field required');
  }
  if (
    typeof body.max_tokens !== 'number' ||
    !Number.isInteger(body.max_tokens) ||
    body.max_tokens < 1
  ) {
    throw invalid('max_tokens: Input should be a positive integer');
  }
  if (!Array.isArray(body.messages)) throw invalid('messages: Field required');
  if (body.messages.length === 0) throw invalid('messages: at least one message is required');
  let previous: string | null = null;
  body.messages.forEach((message: unknown, i) => {
    if (!isRecord(message)) throw invalid(`messages.${i}: Input should be an object`);
    const { role, content } = message;
    if (role !== 'user' && role !== 'assistant') {
      throw invalid(`messages.${i}.role: Input should be 'user' or 'assistant'`);
    }
    if (i === 0 && role !== 'user')
      throw invalid('messages: first message must use the "user" role');
    if (role === previous) {
      throw invalid('messages: roles must alternate between "user" and "assistant"');
    }
    previous = role;
    if (typeof content === 'string') {
      if (content.length === 0) throw invalid(`messages.${i}: content must be non-empty`);
    } else if (Array.isArray(content)) {
      if (content.length === 0) throw invalid(`messages.${i}: content must be non-empty`);
      checkTextBlocks(content, `messages.${i}.content`);
    } else {
      throw invalid(`messages.${i}.content: Input should be a string or a list of blocks`);
    }
  });
  if (body.system !== undefined) {
    if (Array.isArray(body.system)) checkTextBlocks(body.system, 'system');
    else if (typeof body.system !== 'string') {
      throw invalid('system: Input should be a string or a list of text blocks');
    }
  }
  if (body.temperature !== undefined) {
    if (typeof body.temperature !== 'number' || body.temperature < 0 || body.temperature > 1) {
      throw invalid('temperature: Input should be between 0 and 1');
    }
  }
  if (body.stream !== undefined && typeof body.stream !== 'boolean') {
    throw invalid('stream: Input should be a valid boolean');
  }
  checkCacheControl(body.cache_control, 'body');
  const valid = body as FakeMessagesBody;
  const blocks = promptBlocks(valid);
  const breakpoints = blocks.filter((b) => b.breakpointTtlMs !== null).length;
  if (breakpoints > 4) {
    throw invalid(
      `A maximum of 4 blocks with cache_control may be provided. Found ${breakpoints}.`,
    );
  }
  return valid;
}

function ttlMs(cacheControl: FakeTextBlock['cache_control']): number | null {
  if (!cacheControl) return null;
  return cacheControl.ttl === '1h' ? 3_600_000 : 300_000;
}

function promptBlocks(body: FakeMessagesBody): PromptBlock[] {
  const blocks: PromptBlock[] = [];
  const add = (role: PromptBlock['role'], content: string | FakeTextBlock[] | undefined) => {
    if (content === undefined) return;
    if (typeof content === 'string') {
      blocks.push({ role, text: content, tokens: estimateTokens(content), breakpointTtlMs: null });
      return;
    }
    for (const block of content) {
      blocks.push({
        role,
        text: block.text,
        tokens: estimateTokens(block.text),
        breakpointTtlMs: ttlMs(block.cache_control),
      });
    }
  };
  add('system', body.system);
  for (const message of body.messages) add(message.role, message.content);
  const last = blocks.at(-1);
  if (body.cache_control && last && last.breakpointTtlMs === null) {
    last.breakpointTtlMs = ttlMs(body.cache_control);
  }
  return blocks;
}

/** The simulated prompt cache (see the module comment). */
class PromptCache {
  private readonly entries = new Map<string, number>(); // prefix key → expiry (ms)

  constructor(
    private readonly minTokens: (model: string) => number,
    private readonly now: () => number,
  ) {}

  clear(): void {
    this.entries.clear();
  }

  /** Computes the input usage of a request and updates the cache. */
  account(
    body: FakeMessagesBody,
  ): Pick<FakeUsage, 'input_tokens' | 'cache_read_input_tokens' | 'cache_creation_input_tokens'> {
    const blocks = promptBlocks(body);
    const total = blocks.reduce((sum, b) => sum + b.tokens, 0);
    const breakpoints = blocks.flatMap((b, i) => (b.breakpointTtlMs === null ? [] : [i]));
    if (breakpoints.length === 0) {
      return { input_tokens: total, cache_read_input_tokens: 0, cache_creation_input_tokens: 0 };
    }
    const keys: string[] = [];
    const prefixTokens: number[] = [];
    const hash: Hash = createHash('sha256').update(body.model);
    let running = 0;
    for (const block of blocks) {
      hash.update(JSON.stringify([block.role, block.text]));
      keys.push(hash.copy().digest('base64'));
      running += block.tokens;
      prefixTokens.push(running);
    }
    const now = this.now();
    const minTokens = this.minTokens(body.model);
    const alive = (i: number): boolean => {
      const key = keys[i];
      const expiry = key === undefined ? undefined : this.entries.get(key);
      return expiry !== undefined && expiry > now;
    };
    let hit = -1;
    for (const bp of [...breakpoints].reverse()) {
      for (let i = bp; i >= 0 && i > bp - CACHE_LOOKBACK_BLOCKS; i--) {
        if (alive(i)) {
          hit = i;
          break;
        }
      }
      if (hit >= 0) break;
    }
    const read = hit >= 0 ? (prefixTokens[hit] ?? 0) : 0;
    let written = read;
    for (const bp of breakpoints) {
      const tokens = prefixTokens[bp] ?? 0;
      const key = keys[bp];
      const ttl = blocks[bp]?.breakpointTtlMs ?? 0;
      if (key === undefined || tokens < minTokens || tokens === 0) continue;
      const current = this.entries.get(key) ?? 0;
      this.entries.set(key, Math.max(current, now + ttl));
      if (bp > hit) written = Math.max(written, tokens);
    }
    if (hit >= 0) {
      const key = keys[hit];
      if (key !== undefined)
        this.entries.set(key, Math.max(this.entries.get(key) ?? 0, now + 300_000));
    }
    return {
      cache_read_input_tokens: read,
      cache_creation_input_tokens: written - read,
      input_tokens: total - written,
    };
  }
}

function redactHeaders(headers: IncomingMessage['headers']): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    const joined = Array.isArray(value) ? value.join(', ') : value;
    out[name] = name === 'x-api-key' || name === 'authorization' ? '[redacted]' : joined;
  }
  return out;
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Waits until `performance.now()` reaches `due` (at once when it already has). */
async function sleepUntil(due: number): Promise<void> {
  // setTimeout may fire a little early (it rounds to whole milliseconds): wait again until due.
  for (let wait = due - performance.now(); wait > 0; wait = due - performance.now()) {
    await sleep(Math.ceil(wait));
  }
}

export async function startFakeAnthropic(
  options: FakeAnthropicOptions = {},
): Promise<FakeAnthropic> {
  const requests: RecordedRequest[] = [];
  const queue: Array<FakeReply | FakeReplyFactory> = [];
  let defaultReply: FakeReply | FakeReplyFactory = options.defaultReply ?? {};
  const fixedMinimum = options.minCacheableTokens;
  const cache = new PromptCache(
    fixedMinimum === undefined ? minCacheableTokens : () => fixedMinimum,
    options.now ?? Date.now,
  );
  const open = new Set<ServerResponse>();
  const idleWaiters = new Set<() => void>();
  let sequence = 0;
  let indexBase = 0;

  const notifyIdle = () => {
    if (open.size > 0) return;
    for (const waiter of idleWaiters) waiter();
    idleWaiters.clear();
  };

  const server: Server = createServer((req, res) => {
    void handle(req, res).catch(() => {
      if (!res.headersSent) res.writeHead(500);
      res.destroy();
    });
  });
  server.keepAliveTimeout = 5_000;

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    sequence += 1;
    const id = `req_fake_${sequence.toString().padStart(6, '0')}`;
    const record: RecordedRequest = {
      id,
      index: sequence - 1 - indexBase,
      method: req.method ?? '',
      path: req.url ?? '',
      headers: redactHeaders(req.headers),
      body: {} as FakeMessagesBody,
      stream: false,
      status: 0,
      usage: null,
      deltasSent: 0,
      completed: false,
      aborted: false,
      closed: false,
      receivedAt: Date.now(),
      streamStartedAt: null,
      closedAt: null,
    };
    requests.push(record);
    open.add(res);
    res.on('close', () => {
      record.closed = true;
      record.closedAt = Date.now();
      if (!record.completed) record.aborted = true;
      open.delete(res);
      notifyIdle();
    });
    res.setHeader('request-id', id);

    const raw = await readBody(req);
    let reply: FakeReply;
    try {
      const path = (req.url ?? '').split('?')[0];
      if (req.method !== 'POST' || path !== '/v1/messages') {
        throw new RequestError(404, 'not_found_error', `${req.method} ${req.url}: not found`);
      }
      if (!req.headers['x-api-key'] && !req.headers.authorization) {
        throw new RequestError(401, 'authentication_error', 'x-api-key header is required');
      }
      if (!req.headers['anthropic-version']) {
        throw invalid('anthropic-version: header is required');
      }
      let parsed: unknown;
      try {
        parsed = JSON.parse(raw);
      } catch {
        throw invalid('There was an issue with your request body: invalid JSON');
      }
      record.body = isRecord(parsed) ? (parsed as FakeMessagesBody) : record.body;
      record.stream = isRecord(parsed) && parsed.stream === true;
      validateMessagesBody(parsed);
      const next = queue.shift() ?? defaultReply;
      reply = typeof next === 'function' ? next(record) : next;
    } catch (error) {
      if (error instanceof RequestError) {
        sendError(res, record, error.status, error.type, error.message, undefined, {});
        return;
      }
      throw error;
    }

    if (reply.noResponse) return; // the 'close' handler records the client going away

    if (reply.status !== undefined && reply.status >= 400) {
      const type = reply.errorType ?? ERROR_TYPES[reply.status] ?? 'api_error';
      const retryAfter =
        reply.retryAfter ?? (reply.status === 429 ? DEFAULT_RETRY_AFTER_SECONDS : undefined);
      sendError(
        res,
        record,
        reply.status,
        type,
        reply.errorMessage ?? ERROR_MESSAGES[type] ?? 'Error',
        retryAfter,
        reply.headers ?? {},
      );
      return;
    }

    const body = record.body;
    let tokens = reply.tokens ?? splitIntoTokens(reply.text ?? DEFAULT_FAKE_TEXT);
    let stopReason = reply.stopReason ?? 'end_turn';
    if (tokens.length > body.max_tokens) {
      tokens = tokens.slice(0, body.max_tokens);
      stopReason = reply.stopReason ?? 'max_tokens';
    }
    const usage: FakeUsage = {
      ...cache.account(body),
      output_tokens: tokens.length,
      ...reply.usage,
    };
    record.usage = usage;
    if (record.stream) await sendStream(res, record, reply, tokens, usage, stopReason);
    else await sendJson(res, record, reply, tokens, usage, stopReason);
  }

  function finish(res: ServerResponse, record: RecordedRequest): void {
    record.completed = true;
    res.end();
  }

  function sendError(
    res: ServerResponse,
    record: RecordedRequest,
    status: number,
    type: string,
    message: string,
    retryAfter: number | undefined,
    headers: Record<string, string>,
  ): void {
    record.status = status;
    const payload = JSON.stringify({
      type: 'error',
      error: { type, message },
      request_id: record.id,
    });
    res.writeHead(status, {
      'content-type': 'application/json',
      ...(retryAfter !== undefined ? { 'retry-after': String(retryAfter) } : {}),
      ...headers,
    });
    record.completed = true;
    res.end(payload);
  }

  function messageShell(record: RecordedRequest, usage: FakeUsage) {
    return {
      id: `msg_fake_${record.id.slice('req_fake_'.length)}`,
      type: 'message',
      role: 'assistant',
      model: record.body.model,
      content: [] as unknown[],
      stop_reason: null as string | null,
      stop_sequence: null,
      stop_details: null,
      container: null,
      usage: {
        input_tokens: usage.input_tokens,
        output_tokens: usage.output_tokens,
        cache_creation_input_tokens: usage.cache_creation_input_tokens,
        cache_read_input_tokens: usage.cache_read_input_tokens,
        cache_creation: {
          ephemeral_5m_input_tokens: usage.cache_creation_input_tokens,
          ephemeral_1h_input_tokens: 0,
        },
        service_tier: 'standard',
      },
    };
  }

  /** Writes one chunk; waits for drain; false when the client has gone away. */
  async function write(res: ServerResponse, chunk: string): Promise<boolean> {
    if (res.destroyed || res.writableEnded) return false;
    if (res.write(chunk)) return true;
    await new Promise<void>((resolve) => {
      const done = () => {
        res.off('drain', done);
        res.off('close', done);
        resolve();
      };
      res.on('drain', done);
      res.on('close', done);
    });
    return !res.destroyed;
  }

  function sse(event: string, data: unknown): string {
    return `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
  }

  async function sendStream(
    res: ServerResponse,
    record: RecordedRequest,
    reply: FakeReply,
    tokens: string[],
    usage: FakeUsage,
    stopReason: string,
  ): Promise<void> {
    record.status = 200;
    const startedAt = performance.now();
    record.streamStartedAt = performance.timeOrigin + startedAt;
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache',
      ...reply.headers,
    });
    const start = messageShell(record, { ...usage, output_tokens: 1 });
    const preamble =
      sse('message_start', { type: 'message_start', message: start }) +
      sse('content_block_start', {
        type: 'content_block_start',
        index: 0,
        content_block: { type: 'text', text: '' },
      }) +
      sse('ping', { type: 'ping' });
    if (!(await write(res, preamble))) return;
    const delay = reply.tokenDelayMs ?? 0;
    const interval = reply.tokenIntervalMs;
    for (let i = 0; i <= tokens.length; i++) {
      if (reply.stallAfterTokens !== undefined && i === reply.stallAfterTokens) {
        return; // send nothing more; the 'close' handler records the client going away
      }
      if (reply.cutAfterTokens !== undefined && i === reply.cutAfterTokens) {
        res.socket?.destroySoon(); // once what was written has gone out
        return;
      }
      if (reply.errorAfterTokens !== undefined && i === reply.errorAfterTokens) {
        const type = reply.errorType ?? 'overloaded_error';
        await write(
          res,
          sse('error', {
            type: 'error',
            error: { type, message: reply.errorMessage ?? ERROR_MESSAGES[type] ?? 'Error' },
          }),
        );
        finish(res, record);
        return;
      }
      if (i === tokens.length) break;
      if (interval !== undefined) await sleepUntil(startedAt + i * interval);
      else if (delay > 0) await sleep(delay);
      const ok = await write(
        res,
        sse('content_block_delta', {
          type: 'content_block_delta',
          index: 0,
          delta: { type: 'text_delta', text: tokens[i] },
        }),
      );
      if (!ok) return;
      record.deltasSent += 1;
    }
    const ending =
      sse('content_block_stop', { type: 'content_block_stop', index: 0 }) +
      sse('message_delta', {
        type: 'message_delta',
        delta: { stop_reason: stopReason, stop_sequence: null },
        usage: { output_tokens: usage.output_tokens },
      }) +
      sse('message_stop', { type: 'message_stop' });
    if (!(await write(res, ending))) return;
    finish(res, record);
  }

  async function sendJson(
    res: ServerResponse,
    record: RecordedRequest,
    reply: FakeReply,
    tokens: string[],
    usage: FakeUsage,
    stopReason: string,
  ): Promise<void> {
    const delay = reply.tokenDelayMs ?? 0;
    const stallAt = reply.stallAfterTokens;
    const errorAt = reply.errorAfterTokens;
    const cut = Math.min(stallAt ?? Number.POSITIVE_INFINITY, errorAt ?? Number.POSITIVE_INFINITY);
    const produced = Math.min(tokens.length, cut);
    // The whole answer at once, when its last token would have been due.
    const interval = reply.tokenIntervalMs;
    if (interval !== undefined && produced > 0) await sleep(interval * (produced - 1));
    else if (delay > 0 && produced > 0) await sleep(delay * produced);
    if (res.destroyed) return;
    if (stallAt !== undefined && stallAt <= tokens.length && stallAt <= (errorAt ?? stallAt)) {
      return; // never answer
    }
    if (errorAt !== undefined && errorAt <= tokens.length) {
      const type = reply.errorType ?? 'overloaded_error';
      sendError(res, record, 529, type, ERROR_MESSAGES[type] ?? 'Error', undefined, {});
      return;
    }
    record.status = 200;
    const message = messageShell(record, usage);
    message.content = [{ type: 'text', text: tokens.join(''), citations: null }];
    message.stop_reason = stopReason;
    res.writeHead(200, { 'content-type': 'application/json', ...reply.headers });
    record.completed = true;
    res.end(JSON.stringify(message));
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    script(...next) {
      queue.push(...next);
    },
    setDefault(reply) {
      defaultReply = reply;
    },
    reset() {
      indexBase = sequence;
      requests.length = 0;
      queue.length = 0;
      defaultReply = options.defaultReply ?? {};
      cache.clear();
    },
    counts() {
      let completed = 0;
      let aborted = 0;
      for (const r of requests) {
        if (r.completed) completed += 1;
        if (r.aborted) aborted += 1;
      }
      return { requests: requests.length, open: open.size, completed, aborted };
    },
    waitForIdle(timeoutMs = 5_000) {
      if (open.size === 0) return Promise.resolve();
      return new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => {
          idleWaiters.delete(done);
          reject(new Error(`fake Anthropic: ${open.size} response(s) still open`));
        }, timeoutMs);
        const done = () => {
          clearTimeout(timer);
          resolve();
        };
        idleWaiters.add(done);
      });
    },
    closeIdleConnections() {
      server.closeIdleConnections();
    },
    close() {
      for (const res of open) res.destroy();
      server.closeAllConnections();
      return new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
      });
    },
  };
}
