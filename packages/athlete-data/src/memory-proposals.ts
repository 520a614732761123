import { atomically, type DbClient } from '@coach/db';
import { fromUtcMidnight, toUtcMidnight } from '@coach/metrics';
import { z } from 'zod';
import { lockAthlete } from './athlete';
import type { MEMORY_KINDS } from './bounds';
import { addMemory, memoryId, memoryInput } from './memory';

type MemoryKind = (typeof MEMORY_KINDS)[number];
/** How the athlete answered a proposal; `pending` until they do. */
type ProposalStatus = 'pending' | 'accepted' | 'refused';

/** A memory item the coach proposed with an answer, and how the athlete answered it. */
export interface MemoryProposalView {
  id: number;
  kind: MemoryKind;
  text: string;
  status: ProposalStatus;
}

/** No proposal with that id among the athlete's own. */
export class MemoryProposalNotFoundError extends Error {
  constructor() {
    super('No such proposal from your coach.');
    this.name = 'MemoryProposalNotFoundError';
  }
}

/**
 * What the coach proposes: an item's kind, text and start day, bounded like an item the athlete
 * writes. The day is read from the words when proposed: "for a week" counts back from that day.
 */
const proposalInput = memoryInput.pick({ kind: true, text: true, since: true });
/** The athlete's answer: `accept: true` keeps the item, `false` refuses it. */
export const proposalAnswerInput = z.strictObject({ id: memoryId, accept: z.boolean() });

const proposalSelect = { id: true, kind: true, text: true, status: true } as const;

/**
 * Stores what the coach proposed with the answer to `requestId` (in the saved conversation
 * `conversationId`, if any) as pending: not memory until the athlete accepts it. A repeat of the
 * same send stores it once. Null when the athlete already keeps an item with that text.
 */
export async function proposeMemory(
  prisma: DbClient,
  userId: number,
  proposal: z.input<typeof proposalInput>,
  answer: { requestId: string; conversationId?: number },
): Promise<MemoryProposalView | null> {
  const { kind, text, since } = proposalInput.parse(proposal);
  const known = await prisma.athleteMemory.findFirst({
    where: { userId, text: { equals: text, mode: 'insensitive' } },
    select: { id: true },
  });
  if (known) return null;
  await prisma.memoryProposal.createMany({
    data: [{ userId, kind, text, since: since ? toUtcMidnight(since) : null, ...answer }],
    skipDuplicates: true,
  });
  return prisma.memoryProposal.findUniqueOrThrow({
    where: { userId_requestId: { userId, requestId: answer.requestId } },
    select: proposalSelect,
  });
}

/** The proposals made in one of the athlete's saved conversations, by the send that made each. */
export async function proposalsInConversation(
  prisma: DbClient,
  userId: number,
  conversationId: number,
): Promise<Map<string, MemoryProposalView>> {
  const rows = await prisma.memoryProposal.findMany({
    where: { userId, conversationId },
    select: { ...proposalSelect, requestId: true },
  });
  return new Map(rows.map(({ requestId, ...proposal }) => [requestId, proposal]));
}

/**
 * The athlete's answer to one of their proposals: accepting adds the item (source `coach`),
 * refusing keeps nothing. The first answer stands: a repeat, or the other answer after it, changes
 * nothing and returns the proposal as it is (`added` false). MemoryProposalNotFoundError when it is
 * not theirs, MemoryFullError when accepting past the cap (the proposal stays pending).
 */
export async function answerMemoryProposal(
  prisma: DbClient,
  userId: number,
  input: z.input<typeof proposalAnswerInput>,
  now: Date = new Date(),
): Promise<{ proposal: MemoryProposalView; added: boolean }> {
  const { id, accept } = proposalAnswerInput.parse(input);
  // The athlete's row is locked, so two answers sent at once cannot both find it pending.
  return atomically(prisma, async (tx) => {
    await lockAthlete(tx, userId);
    const found = await tx.memoryProposal.findFirst({
      where: { id, userId },
      select: { ...proposalSelect, since: true },
    });
    if (!found) throw new MemoryProposalNotFoundError();
    const { since, ...proposal } = found;
    if (proposal.status !== 'pending') return { proposal, added: false };
    if (accept) {
      const item = {
        kind: proposal.kind,
        text: proposal.text,
        since: since && fromUtcMidnight(since),
      };
      await addMemory(tx, userId, item, now, 'coach');
    }
    const status = accept ? 'accepted' : 'refused';
    await tx.memoryProposal.update({ where: { id }, data: { status, answeredAt: now } });
    return { proposal: { ...proposal, status }, added: accept };
  });
}
