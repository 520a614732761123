import { randomUUID } from 'node:crypto';
import type { Database } from '@coach/db';
import { createTestAthlete, openTestDatabase } from '@coach/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ZodError } from 'zod';
import { MEMORY_TEXT_MAX_CHARS } from './bounds';
import { addMemory, listMemories } from './memory';
import {
  answerMemoryProposal,
  MemoryProposalNotFoundError,
  proposalsInConversation,
  proposeMemory,
} from './memory-proposals';

describe('memory items the coach proposes', () => {
  let database: Database;
  beforeAll(async () => {
    database = await openTestDatabase();
  });
  afterAll(() => database.close());

  const athlete = async () => (await createTestAthlete(database.prisma)).id;
  const CALF = { kind: 'injury', text: 'Left calf tight' } as const;

  it('stores one pending proposal per send, and none the athlete already keeps', async () => {
    const { prisma } = database;
    const userId = await athlete();
    const requestId = randomUUID();
    const first = await proposeMemory(prisma, userId, CALF, { requestId });
    expect(first).toEqual({ id: expect.any(Number), ...CALF, status: 'pending' });
    expect(await proposeMemory(prisma, userId, CALF, { requestId })).toEqual(first);
    expect(await prisma.memoryProposal.count({ where: { userId } })).toBe(1);
    expect(await listMemories(prisma, userId)).toEqual([]);

    await addMemory(prisma, userId, { kind: 'preference', text: 'Prefers trails' });
    const known = { kind: 'preference', text: 'prefers TRAILS' } as const;
    expect(await proposeMemory(prisma, userId, known, { requestId: randomUUID() })).toBeNull();
    await expect(
      proposeMemory(
        prisma,
        userId,
        { kind: 'goal', text: 'x'.repeat(MEMORY_TEXT_MAX_CHARS + 1) },
        { requestId: randomUUID() },
      ),
    ).rejects.toBeInstanceOf(ZodError);
  });

  it('keeps the first answer; another athlete cannot answer', async () => {
    const { prisma } = database;
    const userId = await athlete();
    const other = await athlete();
    const proposal = await proposeMemory(prisma, userId, CALF, { requestId: randomUUID() });
    if (!proposal) throw new Error('not stored');
    await expect(
      answerMemoryProposal(prisma, other, { id: proposal.id, accept: true }),
    ).rejects.toBeInstanceOf(MemoryProposalNotFoundError);
    expect(await answerMemoryProposal(prisma, userId, { id: proposal.id, accept: true })).toEqual({
      proposal: { ...proposal, status: 'accepted' },
      added: true,
    });
    expect(await answerMemoryProposal(prisma, userId, { id: proposal.id, accept: false })).toEqual({
      proposal: { ...proposal, status: 'accepted' },
      added: false,
    });
    expect(await listMemories(prisma, userId)).toMatchObject([{ ...CALF, source: 'coach' }]);
    expect(await listMemories(prisma, other)).toEqual([]);
  });

  it('keeps the start day it was proposed with, and gives it to the item accepted', async () => {
    const { prisma } = database;
    const userId = await athlete();
    const dated = { ...CALF, since: '2026-11-20' };
    const proposal = await proposeMemory(prisma, userId, dated, { requestId: randomUUID() });
    if (!proposal) throw new Error('not stored');
    await answerMemoryProposal(prisma, userId, { id: proposal.id, accept: true });
    expect(await listMemories(prisma, userId)).toMatchObject([{ ...dated, source: 'coach' }]);
  });

  it('two accepts sent at once add one item', async () => {
    const { prisma } = database;
    const userId = await athlete();
    const proposal = await proposeMemory(prisma, userId, CALF, { requestId: randomUUID() });
    if (!proposal) throw new Error('not stored');
    const answers = await Promise.all(
      [1, 2].map(() => answerMemoryProposal(prisma, userId, { id: proposal.id, accept: true })),
    );
    expect(answers.map((answer) => answer.added).sort()).toEqual([false, true]);
    expect(await listMemories(prisma, userId)).toHaveLength(1);
  });

  it('goes with its conversation and with the account', async () => {
    const { prisma } = database;
    const userId = await athlete();
    const { id: conversationId } = await prisma.conversation.create({
      data: { userId, universe: 'general', title: 'Calf' },
    });
    const requestId = randomUUID();
    const proposal = await proposeMemory(prisma, userId, CALF, { requestId, conversationId });
    expect(await proposalsInConversation(prisma, userId, conversationId)).toEqual(
      new Map([[requestId, proposal]]),
    );
    await prisma.conversation.delete({ where: { id: conversationId } });
    expect(await prisma.memoryProposal.count({ where: { userId } })).toBe(0);

    await proposeMemory(prisma, userId, CALF, { requestId: randomUUID() });
    await prisma.user.delete({ where: { id: userId } });
    expect(await prisma.memoryProposal.count({ where: { userId } })).toBe(0);
  });
});
