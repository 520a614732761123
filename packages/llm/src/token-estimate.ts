/**
 * Rough token count, about four characters per token (ceil(chars / 4)): prompt budgets, usage
 * reservations, the provider's caching decisions and the fake server all use it. Claude's tokenizer
 * differs, especially on numbers, so leave headroom; the provider's counts are what is billed.
 */
export function estimateTokens(text: string): number {
  return Math.ceil(text.length / 4);
}
