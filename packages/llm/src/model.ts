/**
 * One small streaming interface for every model provider (Anthropic, the offline coach, fakes).
 *
 * Contract of `ChatModel.stream`: it yields zero or more `text` events and then exactly one
 * `done` event, or it throws a `ModelError`. Nothing else escapes it.
 */

export interface ChatTurn {
  role: 'user' | 'assistant';
  content: string;
}

export interface ModelRequest {
  /**
   * The system prompt in blocks, the most stable first (what every athlete shares, then what is the
   * athlete's, …): a provider may cache the prompt up to the end of any block, so a block should be
   * byte-identical wherever it repeats. The prompt is the blocks in order.
   */
  system: readonly string[];
  messages: ChatTurn[];
  maxTokens: number;
  temperature: number;
  /** Aborting ends the upstream call; the stream then throws `ModelError` kind `aborted`. */
  signal?: AbortSignal;
  /**
   * The call is made ready at once but nothing goes to the provider until this resolves (say, once
   * the message is admitted); aborting `signal` before then ends the call with nothing sent.
   */
  sendAfter?: Promise<void>;
}

export interface ModelUsage {
  /** Input tokens after the last cache breakpoint (not read from or written to the cache). */
  inputTokens: number;
  outputTokens: number;
  /** Input tokens read from the prompt cache (billed at a tenth of the input price). */
  cacheReadInputTokens: number;
  /** Input tokens written to the prompt cache (billed at 1.25 × the input price for 5 min). */
  cacheCreationInputTokens: number;
}

export type ModelEvent =
  | { type: 'text'; text: string }
  | { type: 'done'; usage: ModelUsage; stopReason: string | null };

export interface ChatModel {
  readonly name: string;
  stream(request: ModelRequest): AsyncIterable<ModelEvent>;
}

export type ModelErrorKind =
  | 'rate_limited'
  | 'overloaded'
  | 'configuration'
  | 'timeout'
  | 'aborted'
  | 'unavailable';

/** What an athlete may be shown for each kind of failure: no internals, no status codes. */
export const MODEL_ERROR_MESSAGES: Readonly<Record<ModelErrorKind, string>> = Object.freeze({
  rate_limited: 'The coach is getting a lot of questions right now. Please try again in a minute.',
  overloaded: 'The AI coach is overloaded right now. Please try again shortly.',
  configuration: 'The AI coach is not configured correctly. Please try again later.',
  timeout: 'The AI coach took too long to answer. Please try again.',
  aborted: 'The answer was stopped.',
  unavailable: 'AI service temporarily unavailable.',
});

export const NO_USAGE: ModelUsage = Object.freeze({
  inputTokens: 0,
  outputTokens: 0,
  cacheReadInputTokens: 0,
  cacheCreationInputTokens: 0,
});

/** All input that is billed: uncached input + cache reads + cache writes. */
export function billedInputTokens(u: ModelUsage): number {
  return u.inputTokens + u.cacheReadInputTokens + u.cacheCreationInputTokens;
}

export interface ModelErrorOptions {
  /** Internal detail for logs (defaults to the user message). Never shown to the athlete. */
  message?: string;
  /** Tokens billed before the failure; zeros when none. */
  usage?: ModelUsage;
  cause?: unknown;
  /** Overrides the default athlete-facing message of the kind. */
  userMessage?: string;
}

export class ModelError extends Error {
  override readonly name = 'ModelError';
  readonly kind: ModelErrorKind;
  /** Safe to show an athlete. */
  readonly userMessage: string;
  /** Tokens billed before the failure (zeros if none): settle these against the daily limit. */
  readonly usage: ModelUsage;

  constructor(kind: ModelErrorKind, options: ModelErrorOptions = {}) {
    const userMessage = options.userMessage ?? MODEL_ERROR_MESSAGES[kind];
    super(options.message ?? userMessage, { cause: options.cause });
    this.kind = kind;
    this.userMessage = userMessage;
    this.usage = { ...(options.usage ?? NO_USAGE) };
  }
}
