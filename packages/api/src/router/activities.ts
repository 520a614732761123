import {
  activitiesPageInput,
  activityIdInput,
  createActivity,
  deleteActivity,
  listActivities,
  manualActivityInput,
  updateActivity,
} from '@coach/athlete-data';
import { athleteChanged } from '../athlete-change';
import { createTRPCRouter, protectedProcedure } from '../trpc';

/**
 * The athlete's own activities: listed newest first, and added, edited or deleted by hand. Each
 * change rebuilds the daily metrics in its transaction and makes the coach's day again.
 */
export const activitiesRouter = createTRPCRouter({
  /** The largest file and export zip the upload takes, so the page refuses a larger one unsent. */
  uploadLimits: protectedProcedure.query(({ ctx }) => ctx.deps.uploadLimits),
  list: protectedProcedure
    .input(activitiesPageInput)
    .query(({ ctx, input }) => listActivities(ctx.deps.prisma, ctx.user.id, input)),
  create: protectedProcedure.input(manualActivityInput).mutation(async ({ ctx, input }) => {
    const created = await createActivity(ctx.deps.prisma, ctx.user.id, input);
    await athleteChanged(ctx.deps, ctx.user.id, 'activities');
    return created;
  }),
  update: protectedProcedure
    .input(activityIdInput.extend({ activity: manualActivityInput }))
    .mutation(async ({ ctx, input }) => {
      await updateActivity(ctx.deps.prisma, ctx.user.id, input.id, input.activity);
      await athleteChanged(ctx.deps, ctx.user.id, 'activities');
    }),
  delete: protectedProcedure.input(activityIdInput).mutation(async ({ ctx, input }) => {
    await deleteActivity(ctx.deps.prisma, ctx.user.id, input.id);
    await athleteChanged(ctx.deps, ctx.user.id, 'activities');
  }),
});
