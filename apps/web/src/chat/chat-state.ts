import type { AppRouter } from '@coach/api';
import {
  GENERIC_ERROR_MESSAGE,
  MAX_CONVERSATION_TURNS,
  MAX_MESSAGE_CHARS,
  type Universe,
} from '@coach/prompts/universes';
import type { inferRouterInputs, inferRouterOutputs } from '@trpc/server';

/**
 * The chat widget's conversation state: pure data and a reducer, no I/O. Every send is saved on
 * the server (`conversationId`: the current conversation, or 'new' until the server names it), so
 * a reload can reopen it; the intro is not part of it (it is shown from the intro query and never
 * sent back).
 */

export const ERROR_MESSAGES = Object.freeze({
  network: 'Connection error. Please try again.',
  limit: "You've reached your daily limit. Resets at midnight.",
  server: GENERIC_ERROR_MESSAGE,
});

type Inputs = inferRouterInputs<AppRouter>;
type Outputs = inferRouterOutputs<AppRouter>;

/** What `chat.stream` yields (each wrapped by `tracked()` as `{ id, data }`). */
export type ChatEvent =
  Outputs['chat']['stream'] extends AsyncIterable<infer E>
    ? E extends { data: infer D }
      ? D
      : E
    : never;

/** A fact a finished answer rests on, as `done` carries it: its number in the prompt and a label. */
export type CitedFact = NonNullable<Extract<ChatEvent, { type: 'done' }>['facts']>[number];
/** What became of a "remember that …" in the question: the item saved, or why not. */
export type Remembered = NonNullable<Extract<ChatEvent, { type: 'done' }>['remembered']>;

export type ChatTurnInput = Inputs['chat']['stream']['conversation'] extends (infer T)[] | undefined
  ? T
  : never;

/** The input of one `chat.stream` subscription; fixed for the life of its requestId. */
export type ChatStreamRequest = Omit<
  Inputs['chat']['stream'],
  'requestId' | 'conversation' | 'lastEventId'
> & {
  conversation: ChatTurnInput[];
  requestId: string;
  /** only on a resubscription of the same requestId: resume after this event */
  lastEventId?: string;
};

type TurnStatus = 'streaming' | 'done' | 'stopped' | 'failed';

/** A saved conversation as `conversations.get` gives it. */
export type SavedConversation = Outputs['conversations']['get'];
/** A memory item the coach proposed with an answer, and how the athlete answered it. */
export type Proposal = NonNullable<SavedConversation['messages'][number]['proposal']>;

/** One question and its answer. */
export interface Turn {
  /** stable key for rendering (the first requestId of the turn) */
  id: string;
  question: string;
  /** the current attempt's requestId (a retry makes a new one) */
  requestId: string;
  answer: string;
  status: TurnStatus;
  /** sequence number of the last event applied, to ignore replayed events (-1: none yet) */
  lastSeq: number;
  /** the offline coach answered (free: no message used) */
  offline?: boolean;
  /** the facts the finished answer cited */
  basedOn?: CitedFact[];
  /** numbers in the answer found in none of the athlete's data the coach was given */
  unsupportedNumbers?: string[];
  /** the question asked the coach to remember something */
  remembered?: Remembered;
  /** the coach proposed keeping something, kept only if the athlete accepts */
  proposal?: Proposal;
}

export interface ChatError {
  message: string;
  /** false for the daily limit: retrying before midnight cannot succeed */
  retryable: boolean;
}

export interface ChatState {
  universe: Universe;
  /** the saved conversation the turns belong to; null until the server names one */
  conversationId: number | null;
  turns: Turn[];
  /** the subscription to hold open, or null when nothing streams */
  request: ChatStreamRequest | null;
  error: ChatError | null;
}

export type ChatAction =
  | { type: 'send'; text: string; requestId: string }
  | { type: 'event'; requestId: string; event: ChatEvent; eventId?: string }
  /** the subscription failed (transport error) */
  | { type: 'failed'; requestId: string; error: ChatError }
  /** the subscription ended; only matters when no final event came first */
  | { type: 'ended'; requestId: string }
  | { type: 'stop'; requestId: string }
  | { type: 'retry'; requestId: string }
  | { type: 'switchUniverse'; universe: Universe }
  /** shows a saved conversation (after a reload, or picked from the earlier ones) */
  | { type: 'open'; conversation: SavedConversation; ifEmpty?: boolean }
  /** starts over in the same universe */
  | { type: 'newConversation' };

export function initialChatState(universe: Universe = 'general'): ChatState {
  return { universe, conversationId: null, turns: [], request: null, error: null };
}

export function isStreaming(state: ChatState): boolean {
  return state.request !== null;
}

/** The turn a Retry would re-send, if the last one failed and may be retried. */
export function retryableTurn(state: ChatState): Turn | undefined {
  const last = state.turns.at(-1);
  return last?.status === 'failed' && state.error?.retryable && !state.request ? last : undefined;
}

/**
 * The history sent with a question: the answered turns (done, or stopped with some text) as
 * user/assistant pairs, the last MAX_CONVERSATION_TURNS of them (the server picks its window). Failed turns and empty answers
 * are left out, so the history alternates and starts with a user message.
 */
export function conversationFrom(turns: readonly Turn[]): ChatTurnInput[] {
  const messages = turns
    .filter((turn) => (turn.status === 'done' || turn.status === 'stopped') && turn.answer.trim())
    .flatMap((turn): ChatTurnInput[] => [
      { role: 'user', content: clip(turn.question) },
      { role: 'assistant', content: clip(turn.answer) },
    ]);
  return messages.slice(-MAX_CONVERSATION_TURNS);
}

/**
 * What a send says about its history: a saved conversation's id (the server holds its turns), or
 * 'new' with the turns shown (other servers may use them; this one starts the saved one afresh).
 */
function historyOf(state: ChatState, turns: readonly Turn[]) {
  return state.conversationId === null
    ? { conversationId: 'new' as const, conversation: conversationFrom(turns) }
    : { conversationId: state.conversationId, conversation: [] };
}

/** The turns of a saved conversation: each question with the answer that follows it. */
function turnsOf(conversation: SavedConversation): Turn[] {
  const turns: Turn[] = [];
  for (const message of conversation.messages) {
    const last = turns.at(-1);
    if (message.role === 'user') {
      const id = `saved-${message.id}`;
      turns.push({
        id,
        question: message.content,
        requestId: id,
        answer: '',
        status: 'failed',
        lastSeq: -1,
      });
    } else if (last && last.answer === '' && last.status === 'failed') {
      const status =
        message.status === 'stopped' ? 'stopped' : message.status === 'failed' ? 'failed' : 'done';
      turns[turns.length - 1] = {
        ...last,
        answer: message.content,
        status,
        ...(message.status === 'offline' ? { offline: true } : {}),
        ...(message.facts.length > 0 ? { basedOn: message.facts } : {}),
        ...(message.proposal ? { proposal: message.proposal } : {}),
      };
    }
  }
  return turns;
}

/** The user-facing message for a transport error, by tRPC error code (null: no server answer). */
export function chatErrorFor(code: string | null | undefined): ChatError {
  if (code === 'TOO_MANY_REQUESTS') return { message: ERROR_MESSAGES.limit, retryable: false };
  if (!code) return { message: ERROR_MESSAGES.network, retryable: true };
  return { message: ERROR_MESSAGES.server, retryable: true };
}

export function chatReducer(state: ChatState, action: ChatAction): ChatState {
  switch (action.type) {
    case 'send': {
      const question = action.text.trim();
      if (!question || state.request) return state;
      const message = clip(question);
      const turn: Turn = {
        id: action.requestId,
        question: message,
        requestId: action.requestId,
        answer: '',
        status: 'streaming',
        lastSeq: -1,
      };
      return {
        ...state,
        turns: [...state.turns, turn],
        error: null,
        request: {
          universe: state.universe,
          message,
          ...historyOf(state, state.turns),
          requestId: action.requestId,
        },
      };
    }
    case 'retry': {
      const failed = retryableTurn(state);
      if (!failed) return state;
      const earlier = state.turns.slice(0, -1);
      return {
        ...state,
        turns: [
          ...earlier,
          { ...failed, requestId: action.requestId, answer: '', status: 'streaming', lastSeq: -1 },
        ],
        error: null,
        request: {
          universe: state.universe,
          message: failed.question,
          ...historyOf(state, earlier),
          requestId: action.requestId,
          // The failed send may have been saved (its final event, naming the conversation, lost):
          // the server continues that conversation in its place rather than starting another.
          retryOf: failed.requestId,
        },
      };
    }
    case 'event': {
      if (state.request?.requestId !== action.requestId) return state;
      const seq = sequenceOf(action.eventId);
      const current = state.turns.at(-1);
      if (!current || current.requestId !== action.requestId) return state;
      // A replayed event (a resubscription that did not resume exactly) is applied once.
      if (seq !== undefined && seq <= current.lastSeq) return state;
      const lastSeq = seq ?? current.lastSeq;
      const { event } = action;
      if (event.type === 'token') {
        return replaceLast(state, { ...current, answer: current.answer + event.content, lastSeq });
      }
      const saved = { conversationId: event.conversationId ?? state.conversationId };
      if (event.type === 'done') {
        const offline = event.offline === true;
        const grounding = {
          ...(event.facts ? { basedOn: event.facts } : {}),
          ...(event.unsupportedNumbers ? { unsupportedNumbers: event.unsupportedNumbers } : {}),
          ...(event.remembered ? { remembered: event.remembered } : {}),
          ...(event.proposal
            ? { proposal: { ...event.proposal, status: 'pending' as const } }
            : {}),
        };
        return {
          ...replaceLast(state, { ...current, status: 'done', lastSeq, offline, ...grounding }),
          ...saved,
          request: null,
        };
      }
      return {
        ...replaceLast(state, { ...current, status: 'failed', lastSeq }),
        ...saved,
        request: null,
        error: { message: event.message, retryable: true },
      };
    }
    case 'failed':
    case 'ended': {
      if (state.request?.requestId !== action.requestId) return state;
      const current = state.turns.at(-1);
      if (!current) return { ...state, request: null };
      return {
        ...replaceLast(state, { ...current, status: 'failed' }),
        request: null,
        error: action.type === 'failed' ? action.error : chatErrorFor(null),
      };
    }
    case 'stop': {
      if (state.request?.requestId !== action.requestId) return state;
      const current = state.turns.at(-1);
      if (!current) return { ...state, request: null };
      return { ...replaceLast(state, { ...current, status: 'stopped' }), request: null };
    }
    case 'switchUniverse': {
      if (action.universe === state.universe && state.turns.length === 0) return state;
      return initialChatState(action.universe);
    }
    case 'open': {
      if (state.request || (action.ifEmpty && state.turns.length > 0)) return state;
      const { conversation } = action;
      return {
        ...initialChatState(conversation.universe),
        conversationId: conversation.id,
        turns: turnsOf(conversation),
      };
    }
    case 'newConversation':
      return state.request ? state : initialChatState(state.universe);
  }
}

function replaceLast(state: ChatState, turn: Turn): ChatState {
  return { ...state, turns: [...state.turns.slice(0, -1), turn] };
}

/** Event ids are `<requestId>:<n>`; n orders the events of one answer. */
function sequenceOf(eventId: string | undefined): number | undefined {
  const match = /:(\d+)$/.exec(eventId ?? '');
  return match?.[1] === undefined ? undefined : Number(match[1]);
}

function clip(text: string): string {
  return text.length > MAX_MESSAGE_CHARS ? text.slice(0, MAX_MESSAGE_CHARS) : text;
}

/**
 * A random v4 UUID for one send. `crypto.randomUUID` exists only in secure contexts (HTTPS or
 * localhost); a phone opening the app over plain HTTP on the LAN gets the getRandomValues path.
 */
export function newRequestId(): string {
  const c = globalThis.crypto;
  if (typeof c.randomUUID === 'function') return c.randomUUID();
  const bytes = c.getRandomValues(new Uint8Array(16));
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x40;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
