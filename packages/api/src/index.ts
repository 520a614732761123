export { athleteChanged } from './athlete-change';
export { chatMemory } from './chat-memory';
export { GENERIC_ERROR_MESSAGE, toTRPCError } from './errors';
export type {
  AthleteChanges,
  ApiDependencies,
  RequestContext,
  SessionConnections,
  SessionUser,
} from './request-context';
export { type AppRouter, appRouter, type ProcedureInfo, procedures } from './root';
export { chatStreamInput, chatTurnInput, universeInput } from './router/chat';
