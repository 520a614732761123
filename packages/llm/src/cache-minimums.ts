/**
 * The shortest prefix each model family caches, in tokens: below it the API caches nothing and
 * reports both cache counters as 0, silently. The prompt builder asks for caching only past it, and
 * the fake Anthropic server bills by it. Most specific first; matched by prefix of the model id, so
 * dated ids (`claude-haiku-4-5-20251001`) and aliases both match.
 */
const CACHE_MINIMUM_TOKENS: ReadonlyArray<{ modelPrefix: string; tokens: number }> = [
  { modelPrefix: 'claude-haiku-4-5', tokens: 4096 },
  { modelPrefix: 'claude-opus-4-6', tokens: 4096 },
  { modelPrefix: 'claude-opus-4-5', tokens: 4096 },
  { modelPrefix: 'claude-opus-4', tokens: 1024 },
  { modelPrefix: 'claude-sonnet-4', tokens: 1024 },
  { modelPrefix: 'claude-3-7-sonnet', tokens: 1024 },
  { modelPrefix: 'claude-3-5-haiku', tokens: 2048 },
  { modelPrefix: 'claude-3-haiku', tokens: 2048 },
];

/** For a model the table does not know: the largest minimum, so no estimate counts on a cache hit. */
const UNKNOWN_MODEL_CACHE_MINIMUM_TOKENS = 4096;

/** The configured model's minimum cacheable prefix, in tokens. */
export function minCacheableTokens(model: string): number {
  return (
    CACHE_MINIMUM_TOKENS.find((entry) => model.startsWith(entry.modelPrefix))?.tokens ??
    UNKNOWN_MODEL_CACHE_MINIMUM_TOKENS
  );
}
