import type { AnyTRPCProcedure, TRPCProcedureType } from '@trpc/server';
import { activitiesRouter } from './router/activities';
import { authRouter } from './router/auth';
import { chatRouter } from './router/chat';
import { coachRouter } from './router/coach';
import { conversationsRouter } from './router/conversations';
import { journalRouter } from './router/journal';
import { memoryRouter } from './router/memory';
import { racesRouter } from './router/races';
import { settingsRouter } from './router/settings';
import { createTRPCRouter } from './trpc';

export const appRouter = createTRPCRouter({
  activities: activitiesRouter,
  auth: authRouter,
  chat: chatRouter,
  coach: coachRouter,
  conversations: conversationsRouter,
  journal: journalRouter,
  memory: memoryRouter,
  races: racesRouter,
  settings: settingsRouter,
});

/** What a procedure is, for whoever must treat every procedure alike (checks, tests). */
export interface ProcedureInfo {
  type: TRPCProcedureType;
  /** its input validators, zod schemas, in the order they apply */
  inputs: readonly unknown[];
}

/**
 * Every procedure by its dotted path, read from the router so that a new procedure is included
 * (tRPC keeps them flat at run time, whatever the declared type says).
 */
export const procedures: ReadonlyMap<string, ProcedureInfo> = new Map(
  Object.entries(appRouter._def.procedures as unknown as Record<string, AnyTRPCProcedure>).map(
    ([path, procedure]) => [path, { type: procedure._def.type, inputs: procedure._def.inputs }],
  ),
);

/** The API's type: the web app imports only this. */
export type AppRouter = typeof appRouter;
