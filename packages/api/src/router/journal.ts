import { getJournalEntry, journalInput, upsertJournal } from '@coach/athlete-data';
import { athleteChanged } from '../athlete-change';
import { createTRPCRouter, protectedProcedure } from '../trpc';

/** The athlete's daily check-in; a change reruns their coaching day and clears their cached context. */
export const journalRouter = createTRPCRouter({
  get: protectedProcedure.query(({ ctx }) => getJournalEntry(ctx.deps.prisma, ctx.user.id)),
  upsert: protectedProcedure.input(journalInput).mutation(async ({ ctx, input }) => {
    const entry = await upsertJournal(ctx.deps.prisma, ctx.user.id, input);
    await athleteChanged(ctx.deps, ctx.user.id, 'journal');
    return entry;
  }),
});
