import { getSettings, settingsInput, updateSettings } from '@coach/coach';
import { createTRPCRouter, protectedProcedure } from '../trpc';

/** The athlete's settings; a change clears their cached coach context. */
export const settingsRouter = createTRPCRouter({
  get: protectedProcedure.query(({ ctx }) => getSettings(ctx.deps.prisma, ctx.user.id)),
  update: protectedProcedure.input(settingsInput).mutation(async ({ ctx, input }) => {
    const settings = await updateSettings(
      ctx.deps.prisma,
      ctx.user.id,
      input,
      new Date(),
      ctx.deps.timezoneChangeIntervalMs,
    );
    ctx.deps.contexts.clearUserCache(ctx.user.id);
    return settings;
  }),
});
