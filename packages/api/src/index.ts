export type {
  ApiDependencies,
  ApiLogger,
  RequestContext,
  SessionConnections,
  SessionUser,
} from './context';
export { athleteChanged } from './athlete-change';
export { GENERIC_ERROR_MESSAGE, toTRPCError } from './errors';
export { type AppRouter, appRouter, type ProcedureInfo, procedures } from './root';
export { chatStreamInput, chatTurnInput, MAX_MESSAGE_CHARS, universeInput } from './router/chat';
