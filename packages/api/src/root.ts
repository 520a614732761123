import type { AnyTRPCProcedure, TRPCProcedureType } from '@trpc/server';
import { authRouter } from './router/auth';
import { chatRouter } from './router/chat';
import { coachRouter, journalRouter, settingsRouter } from './router/coach';
import { createTRPCRouter } from './trpc';

export const appRouter = createTRPCRouter({
  auth: authRouter,
  chat: chatRouter,
  coach: coachRouter,
  journal: journalRouter,
  settings: settingsRouter,
});

/**
 * Every procedure's dotted path and type, read from the router so that a new procedure is
 * included (tRPC keeps them flat at run time, whatever the declared type says).
 */
export const procedureTypes: ReadonlyMap<string, TRPCProcedureType> = new Map(
  Object.entries(appRouter._def.procedures as unknown as Record<string, AnyTRPCProcedure>).map(
    ([path, procedure]) => [path, procedure._def.type],
  ),
);

/** The API's type: the web app imports only this. */
export type AppRouter = typeof appRouter;
