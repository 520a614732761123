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
  addGoal: athleteChangeProcedure('races')
    .input(raceGoalInput)
    .mutation(({ ctx, input }) => addRaceGoal(ctx.deps.prisma, ctx.user.id, input)),
  updateGoal: athleteChangeProcedure('races')
    .input(raceGoalUpdate)
    .mutation(({ ctx, input }) => updateRaceGoal(ctx.deps.prisma, ctx.user.id, input)),
  deleteGoal: athleteChangeProcedure('races')
    .input(raceIdInput)
    .mutation(({ ctx, input }) => deleteRaceGoal(ctx.deps.prisma, ctx.user.id, input)),
  addResult: athleteChangeProcedure('races')
    .input(raceResultInput)
    .mutation(({ ctx, input }) => addRaceResult(ctx.deps.prisma, ctx.user.id, input)),
  updateResult: athleteChangeProcedure('races')
    .input(raceResultUpdate)
    .mutation(({ ctx, input }) => updateRaceResult(ctx.deps.prisma, ctx.user.id, input)),
  deleteResult: athleteChangeProcedure('races')
    .input(raceIdInput)
    .mutation(({ ctx, input }) => deleteRaceResult(ctx.deps.prisma, ctx.user.id, input)),
});
