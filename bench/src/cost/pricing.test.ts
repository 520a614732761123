import { describe, expect, it } from 'vitest';
import { costAsBilled, costWithoutCaching } from './pricing';

describe('Haiku 4.5 pricing', () => {
  const usage = {
    input_tokens: 1_000_000,
    output_tokens: 1_000_000,
    cache_read_input_tokens: 1_000_000,
    cache_creation_input_tokens: 1_000_000,
  };

  it('bills input, output, cache reads and 5-minute cache writes at their list prices', () => {
    expect(costAsBilled(usage)).toBeCloseTo(1 + 5 + 0.1 + 1.25, 10);
  });

  it('without caching, every input token is billed at the input price', () => {
    expect(costWithoutCaching(usage)).toBeCloseTo(3 + 5, 10);
  });
});
