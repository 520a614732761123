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
export type { Fact } from './facts';
export {
  GROUNDING_QUESTIONS,
  type GroundingFact,
  type GroundingQuestion,
} from './grounding/questions';
export { RECENT_PAIN_KEY } from './loaders/facts-of-the-day';
export type { ContextSection, UniverseLoad } from './sections';
