/**
 * The token estimate of the fake Anthropic server and of the provider's caching decisions: about four
 * characters per token, ceil(chars / 4). The real tokenizer differs; billing uses its counts.
 */
export function estimateTokens(text: string): number {
  return Math.ceil(text.length / 4);
}
