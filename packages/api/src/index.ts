export { athleteChanged, athleteContextChanged } from './athlete-change';
export { chatMemory } from './chat-memory';
export { GENERIC_ERROR_MESSAGE } from './errors';
export type { ApiDependencies, RequestContext } from './request-context';
export { type AppRouter, appRouter, procedures } from './root';
export { VerifiedSession } from './verified-session';
