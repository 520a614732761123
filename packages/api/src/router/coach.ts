import {
  DEFAULT_SERIES_DAYS,
  getAcwrSeries,
  getCurrentMetrics,
  getLatestAutopsy,
  getRaceGoals,
  getRaceHistory,
  getTodaysWorkout,
  getWeekProgram,
  MAX_SERIES_DAYS,
  MIN_SERIES_DAYS,
} from '@coach/athlete-data';
import { z } from 'zod';
import { createTRPCRouter, protectedProcedure } from '../trpc';

/** What the Coach page shows; every query is the signed-in athlete's own. */
export const coachRouter = createTRPCRouter({
  currentMetrics: protectedProcedure.query(({ ctx }) =>
    getCurrentMetrics(ctx.deps.prisma, ctx.user.id),
  ),
  acwrSeries: protectedProcedure
    .input(
      z
        .object({
          days: z
            .number()
            .int()
            .min(MIN_SERIES_DAYS)
            .max(MAX_SERIES_DAYS)
            .default(DEFAULT_SERIES_DAYS),
        })
        .default({ days: DEFAULT_SERIES_DAYS }),
    )
    .query(({ ctx, input }) => getAcwrSeries(ctx.deps.prisma, ctx.user.id, input.days)),
  todaysWorkout: protectedProcedure.query(({ ctx }) =>
    getTodaysWorkout(ctx.deps.prisma, ctx.user.id),
  ),
  latestAutopsy: protectedProcedure.query(({ ctx }) =>
    getLatestAutopsy(ctx.deps.prisma, ctx.user.id),
  ),
  weekProgram: protectedProcedure.query(({ ctx }) => getWeekProgram(ctx.deps.prisma, ctx.user.id)),
  raceGoals: protectedProcedure.query(({ ctx }) => getRaceGoals(ctx.deps.prisma, ctx.user.id)),
  raceHistory: protectedProcedure.query(({ ctx }) => getRaceHistory(ctx.deps.prisma, ctx.user.id)),
});
