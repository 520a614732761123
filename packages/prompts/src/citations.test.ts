import { describe, expect, it } from 'vitest';
import {
  citationTrailer,
  couldStartAnswerTrailer,
  memoryProposalLine,
  splitAnswerTrailer,
} from './citations';

describe('the citation trailer', () => {
  it('is written and read back', () => {
    expect(citationTrailer([3, 7])).toBe('[facts: 3, 7]');
    expect(citationTrailer([])).toBe('[facts: none]');
    expect(splitAnswerTrailer(`Easy today.\n\n${citationTrailer([3, 7])}\n`)).toEqual({
      body: 'Easy today.',
      numbers: [3, 7],
    });
    expect(splitAnswerTrailer('Rest.\n[Facts: none]')).toEqual({ body: 'Rest.', numbers: [] });
  });

  it('counts only at the very end of the answer', () => {
    expect(splitAnswerTrailer('See [facts: 3] and more.')).toBeNull();
    expect(splitAnswerTrailer('No trailer at all.')).toBeNull();
    expect(splitAnswerTrailer('[facts: 3, x]')).toBeNull();
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
      expect(couldStartAnswerTrailer(start)).toBe(true);
    for (const start of ['[1]', '[fo', '[facts: 3] more', '[facts: x', '[note'])
      expect(couldStartAnswerTrailer(start)).toBe(false);
  });
});

describe('the memory proposal line', () => {
  const calf = memoryProposalLine('injury', 'Left calf tight since 20 Nov');

  it('is written and read back, before or after the facts line', () => {
    expect(calf).toBe('[remember: injury | Left calf tight since 20 Nov]');
    const proposal = { kind: 'injury', text: 'Left calf tight since 20 Nov' };
    expect(splitAnswerTrailer(`Ease off.\n${calf}\n${citationTrailer([2])}\n`)).toEqual({
      body: 'Ease off.',
      numbers: [2],
      proposal,
    });
    expect(splitAnswerTrailer(`Ease off.\n${citationTrailer([])}\n${calf}`)).toEqual({
      body: 'Ease off.',
      numbers: [],
      proposal,
    });
    expect(splitAnswerTrailer(`Ease off.\n${calf}`)).toEqual({
      body: 'Ease off.',
      numbers: null,
      proposal,
    });
  });

  it('is stripped even when it does not read "kind | text", proposing nothing', () => {
    expect(splitAnswerTrailer('Ease off.\n[remember: calf]\n[facts: 1]')).toEqual({
      body: 'Ease off.',
      numbers: [1],
    });
  });

  it('counts only at the very end of the answer', () => {
    expect(splitAnswerTrailer(`${calf} and then more.`)).toBeNull();
  });

  it('knows which beginnings could still become one', () => {
    for (const start of ['[r', '[remember', '[remember: inj', `${calf}`, `${calf}\n`])
      expect(couldStartAnswerTrailer(start)).toBe(true);
    for (const start of [
      '[rest',
      `${calf} more`,
      '[remember: a\nb',
      `[remember: ${'x'.repeat(401)}`,
    ])
      expect(couldStartAnswerTrailer(start)).toBe(false);
  });
});
