import { describe, expect, it } from 'vitest';
import { citationTrailer, couldStartCitationTrailer, splitCitationTrailer } from './citations';

describe('the citation trailer', () => {
  it('is written and read back', () => {
    expect(citationTrailer([3, 7])).toBe('[facts: 3, 7]');
    expect(citationTrailer([])).toBe('[facts: none]');
    expect(splitCitationTrailer(`Easy today.\n\n${citationTrailer([3, 7])}\n`)).toEqual({
      body: 'Easy today.',
      numbers: [3, 7],
    });
    expect(splitCitationTrailer('Rest.\n[Facts: none]')).toEqual({ body: 'Rest.', numbers: [] });
  });

  it('counts only at the very end of the answer', () => {
    expect(splitCitationTrailer('See [facts: 3] and more.')).toBeNull();
    expect(splitCitationTrailer('No trailer at all.')).toBeNull();
    expect(splitCitationTrailer('[facts: 3, x]')).toBeNull();
  });

  it('knows which beginnings could still become one', () => {
    for (const start of [
      '[',
      '[f',
      '[facts',
      '[facts:',
      '[facts: 3',
      '[facts: 3, 1',
      '[facts: no',
      '[facts: 3]',
    ])
      expect(couldStartCitationTrailer(start)).toBe(true);
    for (const start of ['[1]', '[fo', '[facts: 3] more', '[facts: x', '[note'])
      expect(couldStartCitationTrailer(start)).toBe(false);
  });
});
