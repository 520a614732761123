import { getSettings, settingsInput, updateSettings } from '@coach/athlete-data';
import { athleteChanged } from '../athlete-change';
import { createTRPCRouter, protectedProcedure } from '../trpc';

/** The athlete's settings; a change reruns their coaching day and clears their cached context. */
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
    await athleteChanged(ctx.deps, ctx.user.id, 'settings');
    return settings;
  }),
});
