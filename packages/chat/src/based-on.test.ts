import type { Fact } from '@coach/context';
import { describe, expect, it } from 'vitest';
import { AnswerTrailerFilter, basedOn } from './based-on';

/** Streams `chunks` through a filter: what was shown after each chunk, and the end. */
function stream(chunks: string[]) {
  const filter = new AnswerTrailerFilter();
  const shown = chunks.map((chunk) => filter.push(chunk));
  const end = filter.end();
  return { shown, end, answer: filter.answer };
}

describe('AnswerTrailerFilter', () => {
  it('strips the trailer that ends the answer and reads its numbers', () => {
    const { shown, end, answer } = stream(['Keep it ', 'easy today.', '\n\n[fa', 'cts: 3', ', 7]']);
    expect(shown).toEqual(['Keep it', ' easy today.', '', '', '']);
    expect(end).toEqual({ text: '', cited: [3, 7] });
    expect(answer).toBe('Keep it easy today.');
  });

  it('holds back only what could be the trailer: other text streams at once', () => {
    const { shown } = stream(['Your ACWR is ', '1.15 [1]', ' so', ' rest.']);
    expect(shown).toEqual(['Your ACWR is', ' 1.15 [1]', ' so', ' rest.']);
  });

  it('gives back held text that never became a trailer', () => {
    expect(stream(['Rest [f', 'or a day]']).answer).toBe('Rest [for a day]');
    const open = stream(['Rest.', ' [facts: 2']);
    expect(open.end).toEqual({ text: ' [facts: 2', cited: null });
    expect(open.answer).toBe('Rest. [facts: 2');
  });

  it('takes a trailer in the middle of the answer for text', () => {
    const { end, answer } = stream(['A [facts: 1] b', '.']);
    expect(end.cited).toBeNull();
    expect(answer).toBe('A [facts: 1] b.');
  });
});

describe('AnswerTrailerFilter and a memory proposal', () => {
  it('strips the proposal line and the facts line after it, however the tokens split them', () => {
    const text =
      'Ease off for a few days.\n[remember: injury | Left calf tight since 20 Nov]\n[facts: 2]';
    for (let size = 1; size <= 12; size += 1) {
      const chunks = text.match(new RegExp(`[^]{1,${size}}`, 'g')) ?? [];
      const { shown, end, answer } = stream(chunks);
      expect(shown.join('') + end.text).toBe('Ease off for a few days.');
      expect(answer).toBe('Ease off for a few days.');
      expect(end.cited).toEqual([2]);
      expect(end.proposal).toEqual({ kind: 'injury', text: 'Left calf tight since 20 Nov' });
    }
  });

  it('reads a proposal without a facts line, and gives back a bracket that was no tag line', () => {
    const { end, answer } = stream(['Noted', '.\n[reme', 'mber: goal | Sub-3 marathon]']);
    expect(end).toEqual({
      text: '',
      cited: null,
      proposal: { kind: 'goal', text: 'Sub-3 marathon' },
    });
    expect(answer).toBe('Noted.');
    expect(stream(['See [rem', 'ark] below.']).answer).toBe('See [remark] below.');
  });
});

describe('basedOn', () => {
  const facts: Fact[] = [
    { number: 1, label: 'Today: 26 Nov', key: 'today', text: '[1] Today: Thursday 2026-11-26' },
    { number: 2, label: 'ACWR 1.15 · 26 Nov', key: 'trainingState', text: '[2] ACWR: 1.15' },
  ];

  it('keeps only cited numbers that exist, once each, in the order cited', () => {
    expect(basedOn(facts, [2, 9, 2, 1], '', '').facts).toEqual([
      { number: 2, label: 'ACWR 1.15 · 26 Nov' },
      { number: 1, label: 'Today: 26 Nov' },
    ]);
    expect(basedOn(facts, null, '', '').facts).toEqual([]);
  });

  it('flags the numbers of the answer that nothing given contains', () => {
    const given = `${facts.map((f) => f.text).join('\n')}\nI ran 12 km yesterday`;
    const result = basedOn(facts, [2], 'Your ACWR is 1.15 after 12 km; aim for 1.87 next.', given);
    expect(result.unsupportedNumbers).toEqual(['1.87']);
  });
});
