import { randomUUID } from 'node:crypto';
import { conversationId } from '@coach/chat';
import {
  getUniverseIntro,
  MAX_CONVERSATION_TURNS,
  MAX_MESSAGE_CHARS,
  UNIVERSES,
} from '@coach/prompts';
import { tracked } from '@trpc/server';
import { z } from 'zod';
import { toTRPCError } from '../errors';
import type { RequestContext } from '../request-context';
import { createTRPCRouter, protectedProcedure } from '../trpc';
import { backedUp, waitForDrain } from './backpressure';

const universeInput = z.object({ universe: z.enum(UNIVERSES) });

const chatTurnInput = z.object({
  role: z.enum(['user', 'assistant']),
  content: z.string().min(1).max(MAX_MESSAGE_CHARS),
});

const chatStreamInput = z.object({
  universe: z.enum(UNIVERSES),
  message: z
    .string()
    .trim()
    .min(1, 'Please type a message.')
    .max(MAX_MESSAGE_CHARS, `Messages are limited to ${MAX_MESSAGE_CHARS} characters.`),
  conversation: z.array(chatTurnInput).max(MAX_CONVERSATION_TURNS).default([]),
  /**
   * a saved conversation to continue (the server's stored turns are the history and `conversation`
   * is ignored), or 'new' to save this send in a new one; absent: nothing is saved
   */
  conversationId: z.union([conversationId, z.literal('new')]).optional(),
  /** a UUID the client makes per send; a repeat attaches to the same answer */
  requestId: z.uuid().optional(),
  /**
   * on a retry, the requestId of the send it retries (whose answer the client did not get): a
   * saved retry continues that send's conversation and takes its place there
   */
  retryOf: z.uuid().optional(),
  /** set by the client when it reconnects: the last event id it saw */
  lastEventId: z.string().max(100).nullish(),
});

/** Event ids are `<requestId>:<n>`, so a reconnect finds its answer even without a requestId. */
function parseEventId(id: string | null | undefined): { requestId?: string; seq?: string } {
  const match = /^([0-9a-f-]{36}):(\d+)$/i.exec(id ?? '');
  return match ? { requestId: match[1], seq: match[2] } : {};
}

export const chatRouter = createTRPCRouter({
  intro: protectedProcedure.input(universeInput).query(({ input }) => ({
    intro: getUniverseIntro(input.universe),
  })),

  usage: protectedProcedure.query(({ ctx }) => ctx.deps.limiter.getDailyStats(ctx.user.id)),

  stream: protectedProcedure.input(chatStreamInput).subscription(async function* ({
    ctx,
    input,
    signal,
  }) {
    const resume = parseEventId(input.lastEventId);
    const requestId = input.requestId ?? resume.requestId ?? randomUUID();
    // Signing out stops the answer now, not after the grace period a dropped connection gets.
    const stopOnSignOut = () => void ctx.deps.chat.stop(ctx.user.id, requestId);
    ctx.sessionEnded?.addEventListener('abort', stopOnSignOut, { once: true });
    try {
      const events = ctx.deps.chat.streamChat({
        userId: ctx.user.id,
        universe: input.universe,
        message: input.message,
        conversation: input.conversation,
        conversationId: input.conversationId,
        requestId,
        ...(input.retryOf === undefined ? {} : { retryOf: input.retryOf }),
        lastEventId: resume.requestId === requestId ? resume.seq : undefined,
        signal,
      });
      for await (const { id, event } of events) {
        // Awaited only when needed: an await per token is one more hop for every token of every
        // stream, and the socket is rarely backed up.
        if (backedUp(ctx as RequestContext)) await waitForDrain(ctx as RequestContext, signal);
        yield tracked(`${requestId}:${id}`, event);
      }
    } catch (error) {
      throw toTRPCError(error, ctx.deps.logger);
    } finally {
      ctx.sessionEnded?.removeEventListener('abort', stopOnSignOut);
    }
  }),

  stop: protectedProcedure
    .input(z.object({ requestId: z.uuid() }))
    .mutation(async ({ ctx, input }) => ({
      stopped: await ctx.deps.chat.stop(ctx.user.id, input.requestId),
    })),
});
