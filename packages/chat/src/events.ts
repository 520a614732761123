import { MEMORY_KINDS } from '@coach/athlete-data/bounds';
import { z } from 'zod';

const citedFact = z.strictObject({ number: z.number().int().positive(), label: z.string() });
/** A fact an answer rests on, as the widget shows it under the answer. */
export type CitedFact = z.infer<typeof citedFact>;

const rememberOutcome = z.discriminatedUnion('saved', [
  z.strictObject({
    saved: z.literal(true),
    id: z.number().int().positive(),
    kind: z.enum(MEMORY_KINDS),
    text: z.string(),
    /** the local day it started, when its words said ("since 20 Nov"); absent: they did not */
    since: z.iso.date().optional(),
  }),
  z.strictObject({ saved: z.literal(false), message: z.string() }),
]);
/** What became of a "remember that …": the item saved, or why it was not. */
export type RememberOutcome = z.infer<typeof rememberOutcome>;

const memoryProposal = z.strictObject({
  id: z.number().int().positive(),
  kind: z.enum(MEMORY_KINDS),
  text: z.string(),
});
/** A memory item the coach proposed with an answer: kept only once the athlete accepts it. */
export type MemoryProposal = z.infer<typeof memoryProposal>;

/**
 * What a chat stream yields, in order: tokens, then one `done` or one `error`. A schema, not only a
 * type, because events also cross between instances (through Redis) and are read back through it.
 */
export const chatEventSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('token'), content: z.string() }),
  z.strictObject({
    type: z.literal('done'),
    usage: z.strictObject({
      inputTokens: z.number().int().min(0),
      outputTokens: z.number().int().min(0),
    }),
    /** present (true) when the offline coach gave the answer: it used none of the day's messages */
    offline: z.literal(true).optional(),
    /** the facts the finished answer cited ("Based on"), numbered as in its prompt; absent: none */
    facts: z.array(citedFact).optional(),
    /** numbers in the answer that none of what the coach was given contains */
    unsupportedNumbers: z.array(z.string()).optional(),
    /** the message asked the coach to remember something: saved (the item) or not (why) */
    remembered: rememberOutcome.optional(),
    /** the coach proposes keeping this (pending: `memory.answerProposal` keeps or refuses it) */
    proposal: memoryProposal.optional(),
    /** the saved conversation the send and this answer are stored in */
    conversationId: z.number().int().positive().optional(),
  }),
  z.strictObject({
    type: z.literal('error'),
    message: z.string(),
    /** the saved conversation the send (and the answer, as far as it got) is stored in */
    conversationId: z.number().int().positive().optional(),
  }),
]);
export type ChatEvent = z.infer<typeof chatEventSchema>;

/** An event with its position in the answer, so a reconnecting client can resume after it. */
export interface TrackedChatEvent {
  id: string;
  event: ChatEvent;
}

export function isFinal(event: ChatEvent): boolean {
  return event.type !== 'token';
}
