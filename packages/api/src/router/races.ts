import {
  addRaceGoal,
  addRaceResult,
  deleteRaceGoal,
  deleteRaceResult,
  raceGoalInput,
  raceGoalUpdate,
  raceIdInput,
  raceResultInput,
  raceResultUpdate,
  updateRaceGoal,
  updateRaceResult,
} from '@coach/coach';
import { createTRPCRouter, protectedProcedure } from '../trpc';

/**
 * The signed-in athlete's race goals and results (read through coach.raceGoals and
 * coach.raceHistory). Each change clears the athlete's cached coach context.
 */
export const racesRouter = createTRPCRouter({
  addGoal: protectedProcedure.input(raceGoalInput).mutation(async ({ ctx, input }) => {
    const goal = await addRaceGoal(ctx.deps.prisma, ctx.user.id, input);
    ctx.deps.contexts.clearUserCache(ctx.user.id);
    return goal;
  }),
  updateGoal: protectedProcedure.input(raceGoalUpdate).mutation(async ({ ctx, input }) => {
    const goal = await updateRaceGoal(ctx.deps.prisma, ctx.user.id, input);
    ctx.deps.contexts.clearUserCache(ctx.user.id);
    return goal;
  }),
  deleteGoal: protectedProcedure.input(raceIdInput).mutation(async ({ ctx, input }) => {
    const deleted = await deleteRaceGoal(ctx.deps.prisma, ctx.user.id, input);
    ctx.deps.contexts.clearUserCache(ctx.user.id);
    return deleted;
  }),
  addResult: protectedProcedure.input(raceResultInput).mutation(async ({ ctx, input }) => {
    const result = await addRaceResult(ctx.deps.prisma, ctx.user.id, input);
    ctx.deps.contexts.clearUserCache(ctx.user.id);
    return result;
  }),
  updateResult: protectedProcedure.input(raceResultUpdate).mutation(async ({ ctx, input }) => {
    const result = await updateRaceResult(ctx.deps.prisma, ctx.user.id, input);
    ctx.deps.contexts.clearUserCache(ctx.user.id);
    return result;
  }),
  deleteResult: protectedProcedure.input(raceIdInput).mutation(async ({ ctx, input }) => {
    const deleted = await deleteRaceResult(ctx.deps.prisma, ctx.user.id, input);
    ctx.deps.contexts.clearUserCache(ctx.user.id);
    return deleted;
  }),
});
