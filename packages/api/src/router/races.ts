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
} from '@coach/athlete-data';
import { athleteChanged } from '../athlete-change';
import { createTRPCRouter, protectedProcedure } from '../trpc';

/** A change to the athlete's races: once it succeeds, the coach's day is made again. */
const raceChange = protectedProcedure.use(async ({ ctx, next }) => {
  const result = await next();
  if (result.ok) await athleteChanged(ctx.deps, ctx.user.id);
  return result;
});

/** The signed-in athlete's race goals and results (read through coach.raceGoals and coach.raceHistory). */
export const racesRouter = createTRPCRouter({
  addGoal: raceChange
    .input(raceGoalInput)
    .mutation(({ ctx, input }) => addRaceGoal(ctx.deps.prisma, ctx.user.id, input)),
  updateGoal: raceChange
    .input(raceGoalUpdate)
    .mutation(({ ctx, input }) => updateRaceGoal(ctx.deps.prisma, ctx.user.id, input)),
  deleteGoal: raceChange
    .input(raceIdInput)
    .mutation(({ ctx, input }) => deleteRaceGoal(ctx.deps.prisma, ctx.user.id, input)),
  addResult: raceChange
    .input(raceResultInput)
    .mutation(({ ctx, input }) => addRaceResult(ctx.deps.prisma, ctx.user.id, input)),
  updateResult: raceChange
    .input(raceResultUpdate)
    .mutation(({ ctx, input }) => updateRaceResult(ctx.deps.prisma, ctx.user.id, input)),
  deleteResult: raceChange
    .input(raceIdInput)
    .mutation(({ ctx, input }) => deleteRaceResult(ctx.deps.prisma, ctx.user.id, input)),
});
