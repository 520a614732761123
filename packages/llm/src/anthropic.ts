import Anthropic, {
  APIConnectionError,
  APIConnectionTimeoutError,
  APIError,
  APIUserAbortError,
  type Middleware,
} from '@anthropic-ai/sdk';
import type {
  MessageParam,
  MessageStreamEvent,
  TextBlockParam,
} from '@anthropic-ai/sdk/resources/messages';
import type { Logger } from '@coach/config';
import { minCacheableTokens } from './cache-minimums';
import { httpFetch } from './http-fetch';
import {
  type ChatModel,
  type ChatTurn,
  ModelError,
  type ModelErrorKind,
  type ModelEvent,
  type ModelRequest,
  type ModelUsage,
} from './model';
import { estimateTokens } from './token-estimate';

/** The model logs only what went wrong. */
export type ModelLogger = Pick<Logger, 'warn' | 'error'>;

export interface AnthropicModelOptions {
  apiKey: string;
  /** Default: the SDK's (`ANTHROPIC_BASE_URL`, else https://api.anthropic.com). */
  baseURL?: string;
  /** e.g. `claude-haiku-4-5` */
  model: string;
  /** SDK retries of 429/5xx/connection errors before the stream starts. Default 2. */
  maxRetries?: number;
  /** Per attempt: time allowed until the response headers arrive (ms). Default 60 s. */
  timeoutMs?: number;
  /** Once connected: longest silence between two stream events before giving up (ms). Default 20 s. */
  stallTimeoutMs?: number;
  /**
   * From the call to the first text: connection, retries (and any `retry-after` they honour),
   * headers and the stream's start all fit in it, or the call ends as a `timeout` (ms). Default 10 s.
   */
  firstTokenTimeoutMs?: number;
  logger?: ModelLogger;
}

const EPHEMERAL = { type: 'ephemeral' } as const;
/** The API accepts at most this many blocks with `cache_control` in one request. */
const MAX_CACHE_BREAKPOINTS = 4;

/**
 * Where the request's cache breakpoints go, as positions among the prompt's candidate ends: the end
 * of each system block (0 … n−1) and the last message (n). A prefix is cached only past the model's
 * minimum, so only ends past it are candidates; with more candidates than the API allows, the first
 * (the prefix shared most widely) and the last ones are kept.
 */
export function cacheBreakpoints(model: string, request: ModelRequest): number[] {
  const minimum = minCacheableTokens(model);
  const ends: number[] = [];
  let prefix = 0;
  request.system.forEach((text, i) => {
    prefix += estimateTokens(text);
    if (text.length > 0 && prefix >= minimum) ends.push(i);
  });
  for (const turn of request.messages) prefix += estimateTokens(turn.content);
  if (request.messages.length > 0 && prefix >= minimum) ends.push(request.system.length);
  if (ends.length <= MAX_CACHE_BREAKPOINTS) return ends;
  return [...ends.slice(0, 1), ...ends.slice(-(MAX_CACHE_BREAKPOINTS - 1))];
}

/**
 * The request body: the system prompt as text blocks, and cache breakpoints where a prefix that is
 * long enough to cache ends (`cacheBreakpoints`): at the end of a system block that other requests
 * repeat, and on the last turn, so the next turn reads the whole prefix back.
 */
export function toAnthropicParams(model: string, request: ModelRequest) {
  const breakpoints = new Set(cacheBreakpoints(model, request));
  const system: TextBlockParam[] = request.system.flatMap((text, i) =>
    // The API refuses empty text blocks.
    text.length === 0
      ? []
      : [{ type: 'text', text, ...(breakpoints.has(i) ? { cache_control: EPHEMERAL } : {}) }],
  );
  const last = request.messages.length - 1;
  const cacheLast = breakpoints.has(request.system.length);
  const messages: MessageParam[] = request.messages.map((turn: ChatTurn, i) =>
    i === last && cacheLast
      ? {
          role: turn.role,
          content: [{ type: 'text', text: turn.content, cache_control: EPHEMERAL }],
        }
      : { role: turn.role, content: turn.content },
  );
  return {
    model,
    max_tokens: request.maxTokens,
    temperature: request.temperature,
    system,
    messages,
  };
}

interface Classified {
  kind: ModelErrorKind;
  details: Record<string, unknown>;
}

/** Maps an SDK error to a kind plus loggable details (no API key, no message text). */
/**
 * Holds a request, built and ready, until `sendAfter` resolves; after an abort meanwhile, the fetch
 * fails at once on the aborted signal and nothing is sent.
 */
function heldUntil(sendAfter: Promise<void>, signal: AbortSignal): Middleware {
  return async (request, next) => {
    if (!signal.aborted) {
      let onAbort = () => {};
      await Promise.race([
        sendAfter,
        new Promise<void>((resolve) => {
          onAbort = resolve;
          signal.addEventListener('abort', onAbort, { once: true });
        }),
      ]);
      signal.removeEventListener('abort', onAbort);
    }
    return next(request);
  };
}

function classifyAnthropicError(error: unknown): Classified {
  if (error instanceof APIUserAbortError) return { kind: 'aborted', details: {} };
  if (error instanceof APIConnectionTimeoutError) {
    return { kind: 'timeout', details: { errorClass: error.name } };
  }
  if (error instanceof APIConnectionError) {
    return {
      kind: 'unavailable',
      details: { errorClass: error.name, cause: describeCause(error.cause) },
    };
  }
  if (error instanceof APIError) {
    const status = error.status as number | undefined;
    const type = error.type ?? null;
    const details = {
      errorClass: error.name,
      status: status ?? null,
      type,
      requestId: error.requestID ?? null,
      errorCode: error.errorCode,
      apiMessage: truncate(error.apiMessage),
      midStream: status === undefined,
    };
    if (status === 429 || type === 'rate_limit_error') return { kind: 'rate_limited', details };
    if (status === 529 || type === 'overloaded_error') return { kind: 'overloaded', details };
    if (type === 'timeout_error' || status === 504) return { kind: 'timeout', details };
    if (status !== undefined && status >= 400 && status < 500) {
      return { kind: 'configuration', details };
    }
    if (
      type === 'invalid_request_error' ||
      type === 'authentication_error' ||
      type === 'permission_error' ||
      type === 'not_found_error'
    ) {
      return { kind: 'configuration', details };
    }
    return { kind: 'unavailable', details };
  }
  return {
    kind: 'unavailable',
    details: { errorClass: error instanceof Error ? error.name : typeof error },
  };
}

function describeCause(cause: unknown): string | null {
  if (!(cause instanceof Error)) return null;
  const code = (cause as { code?: unknown }).code;
  const inner = (cause as { cause?: { code?: unknown } }).cause?.code;
  return [
    cause.name,
    typeof code === 'string' ? code : null,
    typeof inner === 'string' ? inner : null,
  ]
    .filter(Boolean)
    .join(' ');
}

function truncate(text: string | null): string | null {
  if (text === null) return null;
  return text.length > 200 ? `${text.slice(0, 200)}…` : text;
}

/** Collects usage as the events arrive, so a failure can still report what was billed. */
class UsageMeter {
  inputTokens = 0;
  cacheReadInputTokens = 0;
  cacheCreationInputTokens = 0;
  private startOutputTokens = 0;
  private deltaOutputTokens: number | null = null;
  private textChars = 0;

  onEvent(event: MessageStreamEvent): void {
    if (event.type === 'message_start') {
      const u = event.message.usage;
      this.inputTokens = u.input_tokens ?? 0;
      this.cacheReadInputTokens = u.cache_read_input_tokens ?? 0;
      this.cacheCreationInputTokens = u.cache_creation_input_tokens ?? 0;
      this.startOutputTokens = u.output_tokens ?? 0;
    } else if (event.type === 'message_delta') {
      const u = event.usage;
      this.deltaOutputTokens = u.output_tokens ?? this.deltaOutputTokens;
      // Cumulative totals when present: overwrite, never add.
      if (u.input_tokens != null) this.inputTokens = u.input_tokens;
      if (u.cache_read_input_tokens != null) this.cacheReadInputTokens = u.cache_read_input_tokens;
      if (u.cache_creation_input_tokens != null) {
        this.cacheCreationInputTokens = u.cache_creation_input_tokens;
      }
    }
  }

  onText(text: string): void {
    this.textChars += text.length;
  }

  /**
   * Output tokens: the last `message_delta` count when one arrived; otherwise (a stream cut
   * short) the larger of message_start's placeholder and ceil(chars received / 4).
   */
  usage(): ModelUsage {
    const outputTokens =
      this.deltaOutputTokens ?? Math.max(this.startOutputTokens, Math.ceil(this.textChars / 4));
    return {
      inputTokens: this.inputTokens,
      outputTokens,
      cacheReadInputTokens: this.cacheReadInputTokens,
      cacheCreationInputTokens: this.cacheCreationInputTokens,
    };
  }
}

export function createAnthropicModel(options: AnthropicModelOptions): ChatModel {
  const {
    apiKey,
    baseURL,
    model,
    maxRetries = 2,
    timeoutMs = 60_000,
    stallTimeoutMs = 20_000,
    firstTokenTimeoutMs = 10_000,
    logger,
  } = options;
  if (!apiKey) {
    throw new ModelError('configuration', { message: 'createAnthropicModel: apiKey is empty' });
  }
  if (!model) {
    throw new ModelError('configuration', { message: 'createAnthropicModel: model is empty' });
  }
  const client = new Anthropic({
    apiKey,
    baseURL,
    maxRetries,
    timeout: timeoutMs,
    fetch: httpFetch,
    // The server registers no OpenTelemetry provider: with spans on, every call would still build
    // a span's attributes and headers for a no-op tracer (a fifth of a millisecond per message).
    openTelemetry: false,
  });

  async function* stream(request: ModelRequest): AsyncGenerator<ModelEvent, void, undefined> {
    const meter = new UsageMeter();
    if (request.signal?.aborted) {
      throw new ModelError('aborted', { message: 'aborted before the request started' });
    }
    const controller = new AbortController();
    let stopReason: 'caller' | 'stall' | 'first-token' | null = null;
    const onCallerAbort = () => {
      stopReason ??= 'caller';
      controller.abort();
    };
    request.signal?.addEventListener('abort', onCallerAbort, { once: true });

    // One stall timer per answer, restarted each time the loop waits for the model's next event (a
    // new timer per event cost an object and more per token). Only those waits count: while the
    // consumer holds the stream (a slow socket), a timer that falls due just starts again.
    let waitingForModel = false;
    let stallTimer: NodeJS.Timeout | undefined;
    const onStall = () => {
      if (!waitingForModel) {
        stallTimer?.refresh();
        return;
      }
      stopReason ??= 'stall';
      controller.abort();
    };
    const waitForModel = () => {
      waitingForModel = true;
      if (stallTimer) stallTimer.refresh();
      else stallTimer = setTimeout(onStall, stallTimeoutMs);
    };
    const disarmStall = () => clearTimeout(stallTimer);
    // The SDK's retries honour any retry-after and wait on this same signal, so one deadline bounds them.
    const firstTokenTimer = setTimeout(() => {
      stopReason ??= 'first-token';
      controller.abort();
    }, firstTokenTimeoutMs);
    const cleanup = () => {
      disarmStall();
      clearTimeout(firstTokenTimer);
      request.signal?.removeEventListener('abort', onCallerAbort);
    };

    let finished = false;
    let requestId: string | null | undefined;
    const startedAt = Date.now();
    try {
      // The raw event stream, not `messages.stream()`: that helper also builds the whole message
      // as it arrives and keeps emitters and promises per answer, none of which is read here.
      // It resolves once the response headers are in (after any retries).
      const response = await client.messages
        .create(
          { ...toAnthropicParams(model, request), stream: true },
          {
            signal: controller.signal,
            ...(request.sendAfter && {
              middleware: [heldUntil(request.sendAfter, controller.signal)],
            }),
          },
        )
        .withResponse();
      requestId = response.request_id;
      // An abort ends the SDK's stream without an error: the loop's checks turn it into one.
      const events = response.data[Symbol.asyncIterator]();
      let finalStop: string | null = null;
      for (;;) {
        if (stopReason !== null) throw new APIUserAbortError();
        waitForModel();
        const next = await events.next();
        waitingForModel = false;
        if (next.done) break;
        const event = next.value;
        meter.onEvent(event);
        if (event.type === 'message_delta') finalStop = event.delta.stop_reason ?? null;
        if (event.type === 'content_block_delta' && event.delta.type === 'text_delta') {
          meter.onText(event.delta.text);
          if (event.delta.text) {
            clearTimeout(firstTokenTimer);
            yield { type: 'text', text: event.delta.text };
          }
        }
      }
      if (stopReason !== null) throw new APIUserAbortError();
      finished = true;
      cleanup();
      yield { type: 'done', usage: meter.usage(), stopReason: finalStop };
    } catch (error) {
      if (error instanceof ModelError) throw error;
      const usage = meter.usage();
      const base = {
        provider: 'anthropic',
        model,
        requestId: requestId ?? null,
        elapsedMs: Date.now() - startedAt,
        usage,
      };
      if (stopReason === 'caller') {
        throw new ModelError('aborted', { message: 'aborted by the caller', usage, cause: error });
      }
      if (stopReason === 'first-token') {
        logger?.warn(
          { ...base, firstTokenTimeoutMs },
          'model gave no first token within the deadline',
        );
        throw new ModelError('timeout', {
          message: `no first token within ${firstTokenTimeoutMs} ms`,
          usage,
          cause: error,
        });
      }
      if (stopReason === 'stall') {
        logger?.warn(
          { ...base, stallTimeoutMs },
          'model stream stalled: no event within the stall timeout',
        );
        throw new ModelError('timeout', {
          message: `no stream event for ${stallTimeoutMs} ms`,
          usage,
          cause: error,
        });
      }
      const { kind, details } = classifyAnthropicError(error);
      const log = { ...base, ...details, requestId: details.requestId ?? base.requestId, kind };
      if (kind === 'configuration') logger?.error(log, 'model request rejected');
      else logger?.warn(log, 'model request failed');
      throw new ModelError(kind, {
        message: `anthropic: ${kind} (${String(details.status ?? details.type ?? details.errorClass ?? 'error')})`,
        usage,
        cause: error,
      });
    } finally {
      cleanup();
      // A consumer that stops iterating early (or any failure) must not leave the call running.
      if (!finished) controller.abort();
    }
  }

  return {
    name: `anthropic:${model}`,
    stream,
  };
}
