import { randomUUID } from 'node:crypto';
import type { Logger } from '@coach/config';
import {
  type ChatContext,
  type ContextManager,
  FACTS_OF_THE_DAY_BUDGET,
  TOKEN_BUDGETS,
} from '@coach/context';
import type { DbClient } from '@coach/db';
import {
  billedInputTokens,
  type ChatModel,
  type ChatTurn,
  ModelError,
  type ModelErrorKind,
  type ModelEvent,
  type ModelRequest,
  type ModelUsage,
  NO_USAGE,
} from '@coach/llm';
import {
  buildSystemPrompt,
  estimateTokens,
  GENERIC_ERROR_MESSAGE,
  type ProposalLine,
  type Universe,
} from '@coach/prompts';
import type { RateLimiter, Reservation } from '@coach/rate-limiter';
import { type AnswerBus, type AnswerKey, localAnswers } from './answer-bus';
import { AnswerTrailerFilter, athleteData, type BasedOn, basedOn } from './based-on';
import {
  type AnswerStatus,
  conversationOfSend,
  loadHistory,
  saveAnswer,
  saveQuestion,
} from './conversation-store';
import {
  AlreadyReservedError,
  ANSWER_GONE_MESSAGE,
  DailyLimitReachedError,
  RequestInProgressElsewhereError,
  TooManyStreamsError,
} from './errors';
import {
  type ChatEvent,
  isFinal,
  type MemoryProposal,
  type RememberOutcome,
  type TrackedChatEvent,
} from './events';
import { Generation } from './generation';
import { buildMessages } from './messages';
import { createOfflineCoach } from './offline-coach';
import {
  type ChatMemory,
  proposedMemoryIn,
  type RememberRequest,
  rememberRequestIn,
} from './remember';
import { settleUsage } from './settle-usage';
import { TurnPacer } from './turn-pacer';

/**
 * Upper bound of the prompt before the facts of the day and the universe's context (instructions and
 * guide, about 4,250 tokens; the athlete's style and thresholds), for the reservation.
 */
const BASE_PROMPT_TOKENS = 5000;
/** Failures after which the offline coach answers instead, if the model has said nothing yet. */
const OFFLINE_FALLBACK: readonly ModelErrorKind[] = [
  'overloaded',
  'unavailable',
  'rate_limited',
  'timeout',
];
/** Why a generation was stopped by shutdown(), and what its athlete is told. */
const SHUTDOWN = 'shutdown';
const INTERRUPTED_BY_RESTART =
  'The server restarted; your answer was interrupted. Please send it again.';
/** How long shutdown() waits for the answers' final events to reach their subscribers. */
const FLUSH_TIMEOUT_MS = 2000;
/**
 * The main-thread time per turn of the event loop the sends' own work (reservation, prompt, model
 * call) may take before the rest waits for the next turn (see TurnPacer): answers already streaming
 * get their tokens out in between. While the loop's other work (mostly those tokens) takes longer,
 * a turn may take half as long as that work, up to the most: the sends get a third of a busy loop,
 * and a token waits for at most half again its own turn's work. (Measured with `pnpm bench streams`:
 * the whole of the other work, up to 50 ms, gave turns of 60–100 ms in a burst of 100 sends, and
 * tokens as late; at most 12 ms held new answers back at 1,000 streams.)
 */
export const SEND_WORK_MS_PER_TURN = 4;
const MOST_SEND_WORK_MS_PER_TURN = 50;
const SEND_WORK_SHARE_OF_OTHER_WORK = 0.5;
/** A send's steps through the pacer; one further along goes first. */
const SEND_STAGE = { reserve: 0, prompt: 1, modelCall: 2 } as const;

interface ChatSettings {
  maxResponseTokens: number;
  temperature: number;
  maxConversationMessages: number;
  /** answers one athlete may have in progress at once on this instance */
  maxConcurrentStreams: number;
}

/** How an answer ended. `interrupted`: cut by a server shutdown. */
type AnswerOutcome = 'done' | 'stopped' | 'interrupted' | 'error';

/** One finished answer, as logged and counted: numbers and ids only, never the text. */
export interface AnswerRecord {
  userId: number;
  universe: Universe;
  requestId: string;
  outcome: AnswerOutcome;
  /** with `error`: the model's error kind, or `internal` */
  errorKind?: ModelErrorKind | 'internal';
  /** the offline coach gave (or was giving) the answer */
  offline: boolean;
  /** uncached input tokens billed */
  inputTokens: number;
  cacheReadTokens: number;
  cacheWriteTokens: number;
  outputTokens: number;
  /** from the answer's start to its first word; null when it said nothing */
  timeToFirstTokenMs: number | null;
  durationMs: number;
}

/** Why a message was refused before any answer started. */
export type ChatRefusal = 'daily_limit' | 'stream_cap';

/** What the service reports as it works (metrics); every hook is optional. */
export interface ChatObserver {
  answerFinished?(record: AnswerRecord): void;
  refused?(reason: ChatRefusal): void;
}

export interface ChatServiceOptions {
  contexts: ContextManager;
  limiter: RateLimiter;
  /** the model service; null means the offline coach answers everything */
  model: ChatModel | null;
  settings: ChatSettings;
  logger?: Logger;
  /** how long an answer nobody listens to keeps running before it is aborted */
  graceMs?: number;
  /** how long a finished answer stays available to a reconnecting client */
  keepFinishedMs?: number;
  /** waits between attempts to settle usage after a failed settle (tests shorten them) */
  settleRetryDelaysMs?: readonly number[];
  observer?: ChatObserver;
  /** what this instance shares with the others about answers; alone: localAnswers */
  answers?: AnswerBus;
  /** the clock for durations, in milliseconds (tests may replace it) */
  clock?: () => number;
  /**
   * keeps what a message asks the coach to remember, and stores what the coach proposes to keep
   * until the athlete answers; without it, nothing is kept or proposed
   */
  memory?: ChatMemory;
  /** where conversations are saved; without it a send's `conversationId` is refused */
  database?: DbClient;
}

export interface StreamChatInput {
  userId: number;
  universe: Universe;
  message: string;
  conversation: readonly ChatTurn[];
  /**
   * a saved conversation to continue (its stored turns are the history; `conversation` is ignored),
   * or 'new' to save this send in a new one; absent: nothing is saved
   */
  conversationId?: number | 'new';
  /** the client's id for this send; a repeat attaches to the same answer */
  requestId?: string;
  /**
   * the requestId of an earlier send of this question whose answer the client did not get (failed,
   * or its connection dropped): a saved retry continues that send's conversation in its place
   */
  retryOf?: string;
  /** resume after this event id (from a dropped connection) */
  lastEventId?: string;
  /** ends this subscription (not the answer: that waits out the grace period) */
  signal?: AbortSignal;
}

const silent: Logger = { info: () => {}, warn: () => {}, error: () => {} };

/**
 * Answers chat messages: limit, context, prompt, messages, model stream, settled usage. Each answer
 * is a Generation owned by this service, so a repeated (user, requestId) attaches to the running
 * answer instead of calling the model and charging again.
 */
export class ChatService {
  private readonly generations = new Map<string, Promise<Generation>>();
  /** answers in progress per athlete, from admission until their final event */
  private readonly inProgress = new Map<number, number>();
  private readonly logger: Logger;
  private readonly graceMs: number;
  private readonly keepFinishedMs: number;
  private readonly answers: AnswerBus;
  private readonly sendWork: TurnPacer;

  constructor(private readonly options: ChatServiceOptions) {
    this.logger = options.logger ?? silent;
    this.answers = options.answers ?? localAnswers;
    this.graceMs = options.graceMs ?? 5000;
    this.keepFinishedMs = options.keepFinishedMs ?? 60_000;
    this.sendWork = new TurnPacer(
      {
        budgetMs: SEND_WORK_MS_PER_TURN,
        maxBudgetMs: MOST_SEND_WORK_MS_PER_TURN,
        shareOfOtherWork: SEND_WORK_SHARE_OF_OTHER_WORK,
      },
      () => this.now(),
    );
  }

  /**
   * The answer's events. Throws TooManyStreamsError, DailyLimitReachedError or
   * RequestInProgressElsewhereError before the first event when the message cannot be answered here.
   */
  async *streamChat(input: StreamChatInput): AsyncGenerator<TrackedChatEvent> {
    const { userId } = input;
    const requestId = input.requestId ?? randomUUID();
    const key = `${userId}:${requestId}`;
    let starting = this.generations.get(key);
    if (!starting && input.lastEventId !== undefined) {
      // A resume that lands here while another instance gives the answer follows it there at once:
      // it is no answer in progress here (the cap does not apply) and needs no reservation.
      const elsewhere = await this.answers.follow(
        { userId, requestId },
        input.lastEventId,
        input.signal,
        false,
      );
      if (elsewhere) {
        yield* this.relay(elsewhere, input);
        return;
      }
      starting = this.generations.get(key);
    }
    if (!starting) {
      // Counted before reserving, so a burst of sends is refused without touching the database.
      const running = this.inProgress.get(userId) ?? 0;
      const limit = this.options.settings.maxConcurrentStreams;
      if (running >= limit) {
        this.refused('stream_cap', userId, requestId);
        throw new TooManyStreamsError(limit);
      }
      this.inProgress.set(userId, running + 1);
      const release = () => {
        const left = (this.inProgress.get(userId) ?? 1) - 1;
        if (left > 0) this.inProgress.set(userId, left);
        else this.inProgress.delete(userId);
      };
      starting = this.start(input, requestId);
      this.generations.set(key, starting);
      starting.then(
        (generation) =>
          generation.finished.then(() => {
            release();
            setTimeout(() => this.generations.delete(key), this.keepFinishedMs).unref();
          }),
        () => {
          release();
          this.generations.delete(key);
        },
      );
    }
    let generation: Generation;
    try {
      generation = await starting;
    } catch (error) {
      if (!(error instanceof AlreadyReservedError)) throw error;
      // Given (or being given) by another instance: follow it there, no second call or charge.
      const elsewhere = await this.answers.follow(
        { userId, requestId },
        input.lastEventId,
        input.signal,
        error.running,
      );
      if (!elsewhere && error.running) throw new RequestInProgressElsewhereError(requestId);
      yield* this.relay(elsewhere, input);
      return;
    }
    yield* generation.subscribe(input.lastEventId, input.signal);
  }

  /**
   * Relays the events of an answer another instance gives or gave. One over and gone everywhere
   * (e.g. cut by a restart), or whose events run out before their final one, ends with a final
   * event that says so.
   */
  private async *relay(
    events: AsyncIterable<TrackedChatEvent> | null,
    { lastEventId, signal }: StreamChatInput,
  ): AsyncGenerator<TrackedChatEvent> {
    let lastId = lastEventId;
    for await (const tracked of events ?? []) {
      yield tracked;
      if (isFinal(tracked.event)) return;
      lastId = tracked.id;
    }
    if (signal?.aborted) return;
    const id = String(lastId === undefined ? 0 : Number(lastId) + 1);
    yield { id, event: { type: 'error', message: ANSWER_GONE_MESSAGE } };
  }

  /** Answers in progress on this instance, from admission until their final event. */
  activeAnswers(): number {
    let total = 0;
    for (const running of this.inProgress.values()) total += running;
    return total;
  }

  private refused(reason: ChatRefusal, userId: number, requestId: string): void {
    this.logger.info({ userId, requestId, reason }, 'chat message refused');
    this.options.observer?.refused?.(reason);
  }

  /** Stops an answer in progress, here or on another instance; true when there was one. */
  async stop(userId: number, requestId: string): Promise<boolean> {
    const generation = await this.generations.get(`${userId}:${requestId}`)?.catch(() => undefined);
    if (!generation) return this.answers.requestStop({ userId, requestId });
    if (generation.done) return false;
    generation.stop();
    return true;
  }

  /**
   * Aborts every answer in flight and waits until their usage is settled and their final event
   * ("interrupted by a restart") has been handed to their subscribers, so it can still be sent
   * before the sockets close.
   */
  async shutdown(): Promise<void> {
    const generations = await Promise.all(
      [...this.generations.values()].map((g) => g.catch(() => undefined)),
    );
    for (const generation of generations) generation?.stop(SHUTDOWN);
    await Promise.all(generations.map((generation) => generation?.finished));
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      Promise.all(generations.map((generation) => generation?.delivered())),
      new Promise((resolve) => {
        timer = setTimeout(resolve, FLUSH_TIMEOUT_MS);
      }),
    ]);
    clearTimeout(timer);
  }

  private async start(input: StreamChatInput, requestId: string): Promise<Generation> {
    const { settings } = this.options;
    // A burst of sends arrives together: each reservation's work waits its turn (see TurnPacer).
    await this.sendWork.turn(SEND_STAGE.reserve);
    if (input.retryOf !== undefined) await this.endEarlierAttempt(input.userId, input.retryOf);
    const saved = await this.savedHistory(input, requestId);
    const history = saved ? saved.history : input.conversation;
    const historyText = buildMessages(history, input.message, settings.maxConversationMessages)
      .map((turn) => turn.content)
      .join('\n');
    // The model call is made ready while the database admits the message (and saves it); it is
    // sent only then. A message that asks the coach to remember something saves that first, so
    // that its own prompt carries it: its call is made after admission.
    const toRemember = this.options.memory ? rememberRequestIn(input.message) : null;
    const begun: AnswerStart = toRemember
      ? { toRemember }
      : { early: this.beginModelCall({ ...input, conversation: history }) };
    const early = 'early' in begun ? begun.early : null;
    let admitted: Admitted;
    try {
      admitted = await this.admit(input, requestId, historyText, saved);
    } catch (error) {
      // Not answered (refused, or its question not saved): the call made ready goes nowhere.
      early?.cancel();
      throw error;
    }
    early?.send();
    const startedAt = this.now();
    const key: AnswerKey = { userId: input.userId, requestId };
    const answering = { ...input, conversation: history, conversationId: admitted.conversationId };
    const generation = new Generation(
      (signal, emit) =>
        this.answer(answering, admitted.reservation, signal, emit, startedAt, begun),
      { graceMs: this.graceMs, listenedElsewhere: () => this.answers.listenedElsewhere(key) },
    );
    this.answers.share({
      ...key,
      events: generation.subscribe(undefined, undefined, { listening: false, coalesce: false }),
      stop: () => generation.stop(),
    });
    return generation;
  }

  /**
   * Reserves the message's usage and, for a saved conversation, stores its question. Throws
   * DailyLimitReachedError or AlreadyReservedError when the message is not to be answered here; a
   * question that cannot be stored gives its message back and throws.
   */
  private async admit(
    input: StreamChatInput,
    requestId: string,
    historyText: string,
    saved: { id: number | null } | null,
  ): Promise<Admitted> {
    const { limiter, settings } = this.options;
    const reserved = await limiter.reserve({
      userId: input.userId,
      requestId,
      inputTokens:
        BASE_PROMPT_TOKENS +
        FACTS_OF_THE_DAY_BUDGET +
        TOKEN_BUDGETS[input.universe] +
        estimateTokens(historyText),
      outputTokens: settings.maxResponseTokens,
    });
    if (reserved.status === 'limited') {
      this.refused('daily_limit', input.userId, requestId);
      throw new DailyLimitReachedError(reserved.usage);
    }
    if (reserved.status === 'duplicate') throw new AlreadyReservedError(reserved.pending);
    this.logger.info(
      { userId: input.userId, requestId, universe: input.universe },
      'chat answer started',
    );
    if (!saved) return { reservation: reserved.reservation, conversationId: undefined };
    try {
      const conversationId = await saveQuestion(this.database(), input.userId, {
        id: saved.id,
        universe: input.universe,
        message: input.message,
        requestId,
        ...(input.retryOf === undefined ? {} : { retryOf: input.retryOf }),
      });
      return { reservation: reserved.reservation, conversationId };
    } catch (error) {
      // Not answered: the message is given back at once rather than held until the stale sweep.
      await settleUsage(
        limiter,
        reserved.reservation,
        { inputTokens: 0, outputTokens: 0 },
        this.logger,
        this.options.settleRetryDelaysMs,
        { releaseMessage: true },
      );
      throw error;
    }
  }

  /**
   * The stored history of the send's saved conversation (none for a new one); null: not saved. A
   * retry of a send whose question was stored continues that send's conversation, even when the
   * client never learnt its id (the connection dropped before the answer's final event).
   */
  private async savedHistory(
    input: StreamChatInput,
    requestId: string,
  ): Promise<{ id: number | null; history: ChatTurn[] } | null> {
    if (input.conversationId === undefined) return null;
    const { userId, retryOf } = input;
    let id = input.conversationId === 'new' ? null : input.conversationId;
    if (id === null && retryOf !== undefined) {
      id = await conversationOfSend(this.database(), userId, retryOf);
    }
    if (id === null) return { id: null, history: [] };
    const except = retryOf === undefined ? [requestId] : [requestId, retryOf];
    return { id, history: await loadHistory(this.database(), userId, id, except) };
  }

  /**
   * Stops a retried send's answer if it still runs, here or on another instance (as `stop` does),
   * and waits until it has stored how it ended, so the retry then replaces it whole.
   */
  private async endEarlierAttempt(userId: number, requestId: string): Promise<void> {
    const earlier = await this.generations.get(`${userId}:${requestId}`)?.catch(() => undefined);
    if (earlier) {
      earlier.stop();
      await earlier.finished;
      return;
    }
    const key = { userId, requestId };
    if (!(await this.answers.requestStop(key))) return;
    // Its final event is shared once its end is stored; following it also ends if its instance dies.
    const events = await this.answers.follow(key, undefined, undefined, false);
    for await (const { event } of events ?? []) if (isFinal(event)) return;
  }

  private database(): DbClient {
    const { database } = this.options;
    if (!database) throw new Error('ChatService: conversations need a database');
    return database;
  }

  private async answer(
    input: StreamChatInput & { conversationId: number | undefined },
    reservation: Reservation,
    signal: AbortSignal,
    emitEvent: (event: ChatEvent) => void,
    startedAt: number,
    begun: AnswerStart,
  ): Promise<void> {
    let usage: ModelUsage = NO_USAGE;
    let final: ChatEvent;
    const answered: Answered = { offline: false };
    let firstTokenAt: number | null = null;
    let outcome: AnswerOutcome = 'done';
    let errorKind: AnswerRecord['errorKind'];
    let remembered: RememberOutcome | undefined;
    // The answer as the athlete got it: checked for made-up numbers, stored. Kept here only.
    let said = '';
    const emit = (event: ChatEvent) => {
      if (event.type === 'token') {
        if (firstTokenAt === null) firstTokenAt = this.now();
        said += event.content;
      }
      emitEvent(event);
    };
    try {
      let call: ModelCall;
      if ('early' in begun) call = await begun.early.follow(signal);
      else {
        await this.sendWork.turn(SEND_STAGE.prompt);
        // Kept before the context is read, so this very answer's prompt carries it.
        remembered = await this.remember(input.userId, begun.toRemember, reservation.requestId);
        call = await this.modelCall(input, signal);
      }
      const { context } = call;
      const streamed = await this.streamModel(call, emit, input, answered);
      usage = streamed.usage;
      // A number found nowhere in the athlete's data or words was made up.
      const asked = input.conversation.filter((turn) => turn.role === 'user');
      const data = athleteData(context, [...asked.map((turn) => turn.content), input.message]);
      // The offline coach proposes nothing, and a message that said what to keep needs no offer.
      const proposal =
        answered.offline || remembered
          ? undefined
          : await this.propose(input, reservation.requestId, streamed.proposal);
      final = doneEvent(
        usage,
        answered.offline,
        basedOn(context.facts, streamed.cited, said, answered.offline ? null : data),
        remembered,
        proposal,
      );
    } catch (error) {
      if (error instanceof ModelError) usage = error.usage;
      if (error instanceof ModelError && error.kind === 'aborted') {
        outcome = signal.reason === SHUTDOWN ? 'interrupted' : 'stopped';
        final =
          signal.reason === SHUTDOWN
            ? { type: 'error', message: INTERRUPTED_BY_RESTART }
            : doneEvent(usage, answered.offline, undefined, remembered);
      } else {
        outcome = 'error';
        errorKind = error instanceof ModelError ? error.kind : 'internal';
        this.logger.error(
          { err: error, userId: input.userId, requestId: reservation.requestId },
          'chat answer failed',
        );
        final = {
          type: 'error',
          message: error instanceof ModelError ? error.userMessage : GENERIC_ERROR_MESSAGE,
        };
      }
    }
    // Tokens billed are tokens counted, whatever happened; the final event follows the first
    // attempt to settle them (a failed one is retried in the background). An answer the offline
    // coach gave called no model: it gives its message back.
    await settleUsage(
      this.options.limiter,
      reservation,
      { inputTokens: billedInputTokens(usage), outputTokens: usage.outputTokens },
      this.logger,
      this.options.settleRetryDelaysMs,
      { releaseMessage: answered.offline },
    );
    this.finished({
      userId: input.userId,
      universe: input.universe,
      requestId: reservation.requestId,
      outcome,
      ...(errorKind ? { errorKind } : {}),
      offline: answered.offline,
      inputTokens: usage.inputTokens,
      cacheReadTokens: usage.cacheReadInputTokens,
      cacheWriteTokens: usage.cacheCreationInputTokens,
      outputTokens: usage.outputTokens,
      timeToFirstTokenMs: firstTokenAt === null ? null : firstTokenAt - startedAt,
      durationMs: this.now() - startedAt,
    });
    if (input.conversationId !== undefined) {
      await this.saveAnswer(input.userId, input.conversationId, reservation.requestId, {
        content: said,
        status: storedStatus(outcome, answered.offline),
        inputTokens: usage.inputTokens,
        outputTokens: usage.outputTokens,
        cacheReadTokens: usage.cacheReadInputTokens,
        cacheWriteTokens: usage.cacheCreationInputTokens,
        facts: final.type === 'done' ? (final.facts ?? []) : [],
      });
      if (final.type !== 'token') final = { ...final, conversationId: input.conversationId };
    }
    emitEvent(final);
  }

  /**
   * The send's model call, begun before it is admitted: the context is read, the prompt built and
   * the call made ready (the SDK builds its request) while the database decides, but nothing
   * goes to the model before `send()`; `cancel()` ends it with nothing sent.
   */
  private beginModelCall(input: StreamChatInput): EarlyModelCall {
    const controller = new AbortController();
    let send = () => {};
    const sendAfter = new Promise<void>((resolve) => {
      send = resolve;
    });
    const ready = (async () => {
      // After the reservation's query has gone to the database (Prisma takes a few microtasks to
      // send it), so that this work fills the wait instead of delaying it.
      await new Promise((resolve) => setImmediate(resolve));
      await this.sendWork.turn(SEND_STAGE.prompt);
      // Refused meanwhile (over the limit, say): no context to read, no call to make.
      controller.signal.throwIfAborted();
      return this.modelCall(input, controller.signal, sendAfter);
    })();
    // A failure here is the answer's, told when it follows the call (or nobody's, if not admitted).
    ready.catch(() => {});
    return {
      send,
      cancel: () => controller.abort(),
      follow: (signal) => {
        const end = () => controller.abort(signal.reason);
        if (signal.aborted) end();
        else signal.addEventListener('abort', end, { once: true });
        return ready;
      },
    };
  }

  /**
   * Reads the context, builds the request and begins the model's call (null events: no model). A
   * burst's calls (a connection and a request each) are spread over turns, between the tokens of
   * the answers already streaming.
   */
  private async modelCall(
    input: StreamChatInput,
    signal: AbortSignal,
    sendAfter?: Promise<void>,
  ): Promise<ModelCall> {
    const { contexts, settings } = this.options;
    const context = await contexts.getContext(input.userId, input.universe);
    const request: ModelRequest = {
      system: buildSystemPrompt(context.base, context.factsOfTheDay, context.text, input.universe),
      messages: buildMessages(input.conversation, input.message, settings.maxConversationMessages),
      maxTokens: settings.maxResponseTokens,
      temperature: settings.temperature,
      signal,
      ...(sendAfter && { sendAfter }),
    };
    await this.sendWork.turn(SEND_STAGE.modelCall);
    // Begun in the turn it was let in, so that its work counts against that turn's budget.
    const { model } = this.options;
    return { context, request, events: model ? startedNow(model.stream(request)) : null };
  }

  /**
   * Saves what the message asks the coach to remember ("remember that …"), if it asks; a failure
   * to save is told in the done event and the answer goes on. The log has ids, never the text.
   */
  private async remember(
    userId: number,
    request: RememberRequest,
    requestId: string,
  ): Promise<RememberOutcome | undefined> {
    const { memory } = this.options;
    if (!memory) return undefined;
    try {
      const outcome = await memory.remember(userId, request);
      this.logger.info(
        {
          userId,
          requestId,
          saved: outcome.saved,
          ...(outcome.saved ? { itemId: outcome.id } : {}),
        },
        'chat remember',
      );
      return outcome;
    } catch (error) {
      // The error's name only: a database error may quote the values it was given.
      const errorName = error instanceof Error ? error.name : 'unknown';
      this.logger.error({ errorName, userId, requestId }, 'chat remember failed');
      return {
        saved: false,
        message: 'Your coach could not save that just now; add it in "What your coach knows".',
      };
    }
  }

  /**
   * Stores the memory item the answer proposed as pending, if it proposed a valid one; a failure
   * only loses the offer. The log has ids, never the text.
   */
  private async propose(
    input: StreamChatInput & { conversationId: number | undefined },
    requestId: string,
    line: ProposalLine | undefined,
  ): Promise<MemoryProposal | undefined> {
    const proposed = proposedMemoryIn(line);
    const { memory } = this.options;
    if (!proposed || !memory) return undefined;
    const { userId, conversationId } = input;
    try {
      const proposal = await memory.propose(userId, proposed, {
        requestId,
        ...(conversationId === undefined ? {} : { conversationId }),
      });
      this.logger.info({ userId, requestId, proposalId: proposal?.id ?? null }, 'chat proposal');
      // What the event carries, and nothing more: other instances parse it with a strict schema.
      return proposal ? { id: proposal.id, kind: proposal.kind, text: proposal.text } : undefined;
    } catch (error) {
      const errorName = error instanceof Error ? error.name : 'unknown';
      this.logger.error({ errorName, userId, requestId }, 'chat proposal failed');
      return undefined;
    }
  }

  /** Stores the answer before its final event, so a client that reloads then finds it. */
  private async saveAnswer(
    userId: number,
    conversationId: number,
    requestId: string,
    answer: Parameters<typeof saveAnswer>[3],
  ): Promise<void> {
    try {
      await saveAnswer(this.database(), conversationId, requestId, answer);
    } catch (error) {
      // The athlete still gets the answer; only its stored copy is missing. The error's name only:
      // a database error's message may quote the answer.
      const kind = error instanceof Error ? error.name : 'unknown';
      this.logger.error({ kind, userId, requestId }, 'saving a chat answer failed');
    }
  }

  /** The one log line of a finished answer (ids and numbers, never its text), and its metrics. */
  private finished(record: AnswerRecord): void {
    this.logger.info(record, 'chat answer finished');
    try {
      this.options.observer?.answerFinished?.(record);
    } catch (error) {
      this.logger.error({ err: error }, 'chat observer failed');
    }
  }

  private now(): number {
    return (this.options.clock ?? performance.now.bind(performance))();
  }

  /**
   * Streams the model's tokens, its citation trailer stripped; falls back to the offline coach if
   * the model fails before a word.
   */
  private async streamModel(
    { context, request, events }: ModelCall,
    emit: (event: ChatEvent) => void,
    input: StreamChatInput,
    answered: Answered,
  ): Promise<Relayed> {
    answered.offline = this.options.model === null;
    const model = this.options.model ?? createOfflineCoach(context, input.message);
    let spoke = false;
    try {
      return await relay(events ?? model.stream(request), (text) => {
        spoke = true;
        emit({ type: 'token', content: text });
      });
    } catch (error) {
      const canFallBack =
        error instanceof ModelError &&
        !spoke &&
        this.options.model !== null &&
        OFFLINE_FALLBACK.includes(error.kind);
      if (!canFallBack) throw error;
      this.logger.warn(
        { kind: error.kind, userId: input.userId },
        'model unavailable; the offline coach answers',
      );
      answered.offline = true;
      const offline = await relay(
        createOfflineCoach(context, input.message).stream(request),
        (text) => emit({ type: 'token', content: text }),
      );
      return { ...offline, usage: error.usage };
    }
  }
}

/**
 * A model's answer as relayed: its usage, the fact numbers it cited (null: none), and the memory
 * item it proposed, as written. Its text is what was emitted (kept once, by the caller).
 */
interface Relayed {
  usage: ModelUsage;
  cited: number[] | null;
  proposal?: ProposalLine;
}

async function relay(
  events: AsyncIterable<ModelEvent>,
  onText: (text: string) => void,
): Promise<Relayed> {
  const trailer = new AnswerTrailerFilter();
  let usage: ModelUsage = NO_USAGE;
  for await (const event of events) {
    if (event.type === 'text') {
      const shown = trailer.push(event.text);
      if (shown !== '') onText(shown);
    } else usage = event.usage;
  }
  const { text, cited, proposal } = trailer.end();
  if (text !== '') onText(text);
  return { usage, cited, ...(proposal ? { proposal } : {}) };
}

/** A message admitted: its reservation, and the saved conversation it went into (if saved). */
interface Admitted {
  reservation: Reservation;
  conversationId: number | undefined;
}

/** A send's context, request and its model's events (null: no model, the offline coach answers). */
interface ModelCall {
  context: ChatContext;
  request: ModelRequest;
  events: AsyncIterable<ModelEvent> | null;
}

/**
 * How an admitted send goes on: with its model call, made ready while it was admitted, or first
 * saving what it asks the coach to remember (its call is made after, so that its prompt has it).
 */
type AnswerStart = { early: EarlyModelCall } | { toRemember: RememberRequest };

/** A model call begun before its send was admitted (see ChatService.beginModelCall). */
interface EarlyModelCall {
  /** the send is admitted (and its question saved): the request goes out */
  send(): void;
  /** the send is not answered: the call ends, nothing sent */
  cancel(): void;
  /** the answer's signal ends the call from now on; resolves once the call is ready */
  follow(signal: AbortSignal): Promise<ModelCall>;
}

/**
 * Starts `events` now (its work up to the first event runs at once: the request is built, and
 * sent unless held) and gives them back as an iterable that begins with that first event.
 */
function startedNow(events: AsyncIterable<ModelEvent>): AsyncIterable<ModelEvent> {
  const iterator = events[Symbol.asyncIterator]();
  const first = iterator.next();
  // Never read when its send is not admitted: its abort is then nobody's error.
  first.catch(() => {});
  // The iterator itself, its first `next` answered by the one already made: a generator around it
  // would cost every event of the answer one more step.
  let started: typeof first | null = first;
  return {
    [Symbol.asyncIterator]: () => ({
      next() {
        if (started === null) return iterator.next();
        const next = started;
        started = null;
        return next;
      },
      async return() {
        started = null;
        return (await iterator.return?.()) ?? { done: true, value: undefined };
      },
    }),
  };
}

function storedStatus(outcome: AnswerOutcome, offline: boolean): AnswerStatus {
  if (outcome === 'done') return offline ? 'offline' : 'done';
  return outcome === 'stopped' ? 'stopped' : 'failed';
}

/** How an answer is being given, as far as it got. */
interface Answered {
  /** the offline coach gives it (no model, or the model failed before its first word) */
  offline: boolean;
}

/** The final event of an answer; a finished one says what it rests on. */
function doneEvent(
  usage: ModelUsage,
  offline: boolean,
  grounding?: BasedOn,
  remembered?: RememberOutcome,
  proposal?: MemoryProposal,
): ChatEvent {
  return {
    type: 'done',
    usage: { inputTokens: billedInputTokens(usage), outputTokens: usage.outputTokens },
    ...(offline ? { offline: true as const } : {}),
    ...(grounding && grounding.facts.length > 0 ? { facts: grounding.facts } : {}),
    ...(grounding && grounding.unsupportedNumbers.length > 0
      ? { unsupportedNumbers: grounding.unsupportedNumbers }
      : {}),
    ...(remembered ? { remembered } : {}),
    ...(proposal ? { proposal } : {}),
  };
}
