import { type MemoryProposalView, proposalsInConversation } from '@coach/athlete-data';
import { type DbClient, Prisma } from '@coach/db';
import type { ChatTurn } from '@coach/llm';
import { isUniverse, type Universe } from '@coach/prompts';
import { z } from 'zod';
import type { CitedFact } from './events';

/** Conversations kept per athlete: creating one past this deletes the least recently used. */
export const MAX_CONVERSATIONS_PER_ATHLETE = 100;
/** Messages kept per conversation (questions and answers): past this the oldest are deleted. */
export const MAX_STORED_MESSAGES = 200;
/** A title is the start of the first question. */
export const CONVERSATION_TITLE_MAX_CHARS = 80;
/** An answer is stored up to this length (the column's bound). */
const STORED_ANSWER_MAX_CHARS = 20_000;

/** A row id: a positive Postgres `integer`, so an id past its range is bad input. */
export const conversationId = z
  .number()
  .int()
  .positive()
  .max(2 ** 31 - 1);
export const conversationIdInput = z.strictObject({ id: conversationId });

/** No conversation with that id among the athlete's own. */
export class ConversationNotFoundError extends Error {
  constructor() {
    super('No such conversation.');
    this.name = 'ConversationNotFoundError';
  }
}

/** How a stored answer ended. */
export type AnswerStatus = 'done' | 'stopped' | 'failed' | 'offline';

/** An answer as it ended, to store: its text so far, its usage and the facts it cited. */
export interface StoredAnswer {
  content: string;
  status: AnswerStatus;
  inputTokens: number;
  outputTokens: number;
  cacheReadTokens: number;
  cacheWriteTokens: number;
  facts: readonly CitedFact[];
}

export interface ConversationSummary {
  id: number;
  universe: Universe;
  title: string;
  /** when its last message was stored (ISO instant) */
  updatedAt: string;
  messageCount: number;
}

interface ConversationMessageView {
  id: number;
  role: 'user' | 'assistant';
  content: string;
  /** an answer's ending; null for a question */
  status: AnswerStatus | null;
  facts: CitedFact[];
  /** what the answer proposed to keep; absent: nothing (always for a question) */
  proposal?: MemoryProposalView;
  createdAt: string;
}

export interface ConversationView extends Omit<ConversationSummary, 'messageCount'> {
  messages: ConversationMessageView[];
}

const citedFacts = z.array(z.object({ number: z.number(), label: z.string() }));

function titleOf(question: string): string {
  const oneLine = question.replace(/\s+/g, ' ').trim();
  if (oneLine.length <= CONVERSATION_TITLE_MAX_CHARS) return oneLine;
  return `${oneLine.slice(0, CONVERSATION_TITLE_MAX_CHARS - 1).trimEnd()}…`;
}

function storedUniverse(universe: string): Universe {
  return isUniverse(universe) ? universe : 'general';
}

async function ownConversation(prisma: DbClient, userId: number, id: number) {
  const conversation = await prisma.conversation.findFirst({ where: { id, userId } });
  if (!conversation) throw new ConversationNotFoundError();
  return conversation;
}

/**
 * The stored turns of one of the athlete's conversations, oldest first, for the model's history;
 * the sends `exceptRequestIds` are left out (a repeated or retried send is not its own history).
 */
export async function loadHistory(
  prisma: DbClient,
  userId: number,
  id: number,
  exceptRequestIds: readonly string[],
): Promise<ChatTurn[]> {
  await ownConversation(prisma, userId, id);
  const rows = await prisma.conversationMessage.findMany({
    where: { conversationId: id, requestId: { notIn: [...exceptRequestIds] } },
    orderBy: { id: 'desc' },
    take: MAX_STORED_MESSAGES,
    select: { role: true, content: true },
  });
  return rows.reverse().filter((row) => row.content !== '');
}

/** The athlete's conversation that stored the question of the send `requestId`; null if none did. */
export async function conversationOfSend(
  prisma: DbClient,
  userId: number,
  requestId: string,
): Promise<number | null> {
  const row = await prisma.conversationMessage.findFirst({
    where: { requestId, role: 'user', conversation: { userId } },
    select: { conversationId: true },
  });
  return row?.conversationId ?? null;
}

/**
 * Stores the athlete's question, in a new conversation when `id` is null; a repeated send stores
 * nothing, and a retry takes the place of the send it retries (`retryOf`: its question becomes the
 * retry's, its answer goes). Returns the conversation's id.
 */
export async function saveQuestion(
  prisma: DbClient,
  userId: number,
  question: {
    id: number | null;
    universe: Universe;
    message: string;
    requestId: string;
    retryOf?: string;
  },
): Promise<number> {
  const now = new Date();
  let id = question.id;
  if (id === null) {
    ({ id } = await prisma.conversation.create({
      data: { userId, universe: question.universe, title: titleOf(question.message) },
      select: { id: true },
    }));
    const stale = await prisma.conversation.findMany({
      where: { userId },
      orderBy: [{ updatedAt: 'desc' }, { id: 'desc' }],
      skip: MAX_CONVERSATIONS_PER_ATHLETE,
      select: { id: true },
    });
    if (stale.length > 0) {
      await prisma.conversation.deleteMany({ where: { id: { in: stale.map((row) => row.id) } } });
    }
  } else {
    await ownConversation(prisma, userId, id);
    await prisma.conversation.update({ where: { id }, data: { updatedAt: now } });
    if (question.retryOf !== undefined) {
      const retried = { conversationId: id, requestId: question.retryOf };
      await prisma.conversationMessage.deleteMany({ where: { ...retried, role: 'assistant' } });
      await prisma.conversationMessage.updateMany({
        where: { ...retried, role: 'user' },
        data: { requestId: question.requestId, content: question.message },
      });
    }
  }
  await prisma.conversationMessage.createMany({
    data: [
      {
        conversationId: id,
        role: 'user',
        content: question.message,
        requestId: question.requestId,
      },
    ],
    skipDuplicates: true,
  });
  // Room is left for the answer, so the question and its answer stay together within the cap.
  const old = await prisma.conversationMessage.findMany({
    where: { conversationId: id },
    orderBy: { id: 'desc' },
    skip: MAX_STORED_MESSAGES - 1,
    select: { id: true },
  });
  if (old.length > 0) {
    await prisma.conversationMessage.deleteMany({
      where: { id: { in: old.map((row) => row.id) } },
    });
  }
  return id;
}

/** Stores how an answer ended; a repeated or resumed send stores it once. */
export async function saveAnswer(
  prisma: DbClient,
  id: number,
  requestId: string,
  answer: StoredAnswer,
): Promise<void> {
  await prisma.conversationMessage.createMany({
    data: [
      {
        conversationId: id,
        role: 'assistant',
        requestId,
        content: answer.content.slice(0, STORED_ANSWER_MAX_CHARS),
        status: answer.status,
        inputTokens: answer.inputTokens,
        outputTokens: answer.outputTokens,
        cacheReadTokens: answer.cacheReadTokens,
        cacheWriteTokens: answer.cacheWriteTokens,
        facts:
          answer.facts.length > 0
            ? answer.facts.map(({ number, label }) => ({ number, label }))
            : Prisma.DbNull,
      },
    ],
    skipDuplicates: true,
  });
  await prisma.conversation.updateMany({ where: { id }, data: { updatedAt: new Date() } });
}

/** The athlete's conversations, most recently used first. */
export async function listConversations(
  prisma: DbClient,
  userId: number,
): Promise<ConversationSummary[]> {
  const rows = await prisma.conversation.findMany({
    where: { userId },
    orderBy: [{ updatedAt: 'desc' }, { id: 'desc' }],
    select: {
      id: true,
      universe: true,
      title: true,
      updatedAt: true,
      _count: { select: { messages: true } },
    },
  });
  return rows.map((row) => ({
    id: row.id,
    universe: storedUniverse(row.universe),
    title: row.title,
    updatedAt: row.updatedAt.toISOString(),
    messageCount: row._count.messages,
  }));
}

/** One of the athlete's conversations with its messages, oldest first. */
export async function getConversation(
  prisma: DbClient,
  userId: number,
  id: number,
): Promise<ConversationView> {
  const conversation = await ownConversation(prisma, userId, id);
  const messages = await prisma.conversationMessage.findMany({
    where: { conversationId: id },
    orderBy: { id: 'asc' },
    select: {
      id: true,
      role: true,
      content: true,
      status: true,
      facts: true,
      requestId: true,
      createdAt: true,
    },
  });
  const proposalOf = await proposalsInConversation(prisma, userId, id);
  return {
    id,
    universe: storedUniverse(conversation.universe),
    title: conversation.title,
    updatedAt: conversation.updatedAt.toISOString(),
    messages: messages.map(({ requestId, ...message }) => {
      const proposal = message.role === 'assistant' ? proposalOf.get(requestId) : undefined;
      return {
        ...message,
        facts: citedFacts.catch([]).parse(message.facts ?? []),
        ...(proposal ? { proposal } : {}),
        createdAt: message.createdAt.toISOString(),
      };
    }),
  };
}

export async function deleteConversation(
  prisma: DbClient,
  userId: number,
  id: number,
): Promise<void> {
  const { count } = await prisma.conversation.deleteMany({ where: { id, userId } });
  if (count === 0) throw new ConversationNotFoundError();
}

/** Deletes every conversation of the athlete; returns how many there were. */
export async function deleteAllConversations(prisma: DbClient, userId: number): Promise<number> {
  const { count } = await prisma.conversation.deleteMany({ where: { userId } });
  return count;
}
