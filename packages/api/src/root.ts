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

/** The API's type: the web app imports only this. */
export type AppRouter = typeof appRouter;
