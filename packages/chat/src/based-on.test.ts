import type { Fact } from '@coach/context';
import { describe, expect, it } from 'vitest';
import { AnswerTrailerFilter, athleteData, basedOn } from './based-on';

/** Streams `chunks` through a filter: what was shown after each chunk, the end, and all shown. */
function stream(chunks: string[]) {
  const filter = new AnswerTrailerFilter();
  const shown = chunks.map((chunk) => filter.push(chunk));
  const end = filter.end();
  return { shown, end, answer: shown.join('') + end.text };
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
    {
      number: 3,
      label: "Today's workout: tempo",
      key: 'todaysRecommendation',
      text: '[3] Todays Recommendation: 12 km with 5 km at 4:45–4:50/km; race in 1:36:53 over 21.1 km',
    },
    {
      number: 4,
      label: 'Last 4 weeks: 1,217.5 km',
      key: 'lastFourWeeks',
      text: '[4] Last Four Weeks: 1,217.5 km of running',
    },
  ];
  const context = {
    facts,
    base: {
      coachingTone: 'Be direct.',
      riskTolerance: 'balanced',
      thresholdDescription: 'ACWR high risk: above 1.30',
      trainingGuide: 'Take 30–60 g of carbohydrate per hour on runs over 90 minutes.',
      athleteMemory: 'Left knee surgery in 2019',
    },
  };
  const data = athleteData(context, ['I ran 12 km yesterday', 'Can I do 8 x 400 m?']);

  it('keeps only cited numbers that exist, once each, in the order cited', () => {
    expect(basedOn(facts, [2, 9, 2, 1], '', data).facts).toEqual([
      { number: 2, label: 'ACWR 1.15 · 26 Nov' },
      { number: 1, label: 'Today: 26 Nov' },
    ]);
    expect(basedOn(facts, null, '', data).facts).toEqual([]);
  });

  it("counts a number as supported when the athlete's facts or words hold it, as the facts print it", () => {
    const answer =
      'On 26 Nov (2026-11-26) your ACWR is 1.15, about 1.2, under your 1.30 limit. Run 5 km at ' +
      '4:45–4:50/km within the 12 km; your 1:36:53 over 21.1 km and 1,217.5 km (1217.5) in four ' +
      'weeks say so. 8 x 400 m can wait; mind the knee operated in 2019.';
    expect(basedOn(facts, [2], answer, data).unsupportedNumbers).toEqual([]);
  });

  it('flags a number in no fact: made up, from the guide, a fact number, another pace or date', () => {
    const answer =
      'Your fitness score is 4321.5. Take 30–60 g per hour, as fact 4 says. Aim for 4:40/km ' +
      'on 2026-11-27, and your ACWR of 1.87.';
    expect(basedOn(facts, [2], answer, data).unsupportedNumbers).toEqual([
      '4321.5',
      '30',
      '60',
      '4',
      '4:40',
      '2026-11-27',
      '1.87',
    ]);
  });

  it('the coach’s earlier answers and the rules support nothing', () => {
    expect(athleteData(context, [])).not.toContain('30–60');
    expect(athleteData(context, [])).not.toMatch(/\[\d+\]/);
    expect(
      basedOn(facts, null, 'Rest for 3 days.', athleteData(context, [])).unsupportedNumbers,
    ).toEqual(['3']);
  });

  it('checks no numbers when there is no data to check them against (the offline coach)', () => {
    expect(basedOn(facts, [1], 'Pain of 60% on two days means rest.', null)).toEqual({
      facts: [{ number: 1, label: 'Today: 26 Nov' }],
      unsupportedNumbers: [],
    });
  });
});
