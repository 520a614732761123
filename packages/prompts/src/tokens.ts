/**
 * Rough token count for budgeting (the plan's estimate: about four characters per token). Claude's
 * tokenizer differs, especially on numbers, so leave headroom; the provider's counts are what is
 * billed.
 */
export function estimateTokens(text: string): number {
  return Math.ceil(text.length / 4);
}
