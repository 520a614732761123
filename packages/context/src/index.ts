export { FALLBACK_BASE_CONTEXT } from './base';

export {
  type ChatContext,
  ContextManager,
  FACTS_OF_THE_DAY_BUDGET,
  TOKEN_BUDGETS,
} from './context-manager';
export type { Fact } from './facts';

export { RECENT_PAIN_KEY } from './loaders/facts-of-the-day';
