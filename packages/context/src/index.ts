export type { Athlete, LoaderDeps } from './athlete';
export { ATHLETE_MEMORY_BUDGET, FALLBACK_BASE_CONTEXT, GUIDE_MAX_CHARS } from './base';
export { type FittedContext, fitToBudget } from './budget';
export {
  type ChatContext,
  type ContextLogger,
  ContextManager,
  type ContextManagerOptions,
  FACTS_OF_THE_DAY_BUDGET,
  TOKEN_BUDGETS,
  UNIVERSE_LOADERS,
  type UniverseLoader,
} from './context-manager';
export type { ContextSection, UniverseLoad } from './sections';
