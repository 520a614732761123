export * from './anthropic';
export {
  CACHE_MINIMUM_TOKENS,
  minCacheableTokens,
  UNKNOWN_MODEL_CACHE_MINIMUM_TOKENS,
} from './cache-minimums';
export * from './model';
export { estimateTokens } from './token-estimate';
