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
import { athleteChangeProcedure } from '../athlete-change';
import { createTRPCRouter } from '../trpc';

/** The signed-in athlete's race goals and results (read through coach.raceGoals and coach.raceHistory). */
export const racesRouter = createTRPCRouter({
  addGoal: athleteChangeProcedure
    .input(raceGoalInput)
    .mutation(({ ctx, input }) => addRaceGoal(ctx.deps.prisma, ctx.user.id, input)),
  updateGoal: athleteChangeProcedure
    .input(raceGoalUpdate)
    .mutation(({ ctx, input }) => updateRaceGoal(ctx.deps.prisma, ctx.user.id, input)),
  deleteGoal: athleteChangeProcedure
    .input(raceIdInput)
    .mutation(({ ctx, input }) => deleteRaceGoal(ctx.deps.prisma, ctx.user.id, input)),
  addResult: athleteChangeProcedure
    .input(raceResultInput)
    .mutation(({ ctx, input }) => addRaceResult(ctx.deps.prisma, ctx.user.id, input)),
  updateResult: athleteChangeProcedure
    .input(raceResultUpdate)
    .mutation(({ ctx, input }) => updateRaceResult(ctx.deps.prisma, ctx.user.id, input)),
  deleteResult: athleteChangeProcedure
    .input(raceIdInput)
    .mutation(({ ctx, input }) => deleteRaceResult(ctx.deps.prisma, ctx.user.id, input)),
});
