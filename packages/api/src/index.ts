export { athleteChanged } from './athlete-change';
export type {
  ApiDependencies,
  RequestContext,
  SessionConnections,
  SessionUser,
} from './context';
export { GENERIC_ERROR_MESSAGE, toTRPCError } from './errors';
export { type AppRouter, appRouter, type ProcedureInfo, procedures } from './root';
export { chatStreamInput, chatTurnInput, universeInput } from './router/chat';
