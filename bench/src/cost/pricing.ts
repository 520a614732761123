/** Dollars per million tokens: Claude Haiku 4.5 list prices, with 5-minute cache writes. */
export const HAIKU_4_5_PRICES = {
  input: 1,
  output: 5,
  cacheRead: 0.1,
  cacheWrite5m: 1.25,
} as const;

export interface BilledUsage {
  input_tokens: number;
  output_tokens: number;
  cache_read_input_tokens: number;
  cache_creation_input_tokens: number;
}

/** What a request costs as billed (dollars). */
export function costAsBilled(usage: BilledUsage, prices = HAIKU_4_5_PRICES): number {
  return (
    (usage.input_tokens * prices.input +
      usage.cache_read_input_tokens * prices.cacheRead +
      usage.cache_creation_input_tokens * prices.cacheWrite5m +
      usage.output_tokens * prices.output) /
    1_000_000
  );
}

/** What the same request would cost with no caching: every input token at the input price. */
export function costWithoutCaching(usage: BilledUsage, prices = HAIKU_4_5_PRICES): number {
  const input =
    usage.input_tokens + usage.cache_read_input_tokens + usage.cache_creation_input_tokens;
  return (input * prices.input + usage.output_tokens * prices.output) / 1_000_000;
}
