import { athleteText, estimateTokens } from '@coach/prompts';
import { describe, expect, it } from 'vitest';
import { fitToBudget } from './budget';
import { listSection, section } from './sections';

const words = (n: number) => Array.from({ length: n }, (_, i) => `word${i}`).join(' ');

describe('fitToBudget', () => {
  it('leaves a context that fits untouched', () => {
    const fitted = fitToBudget([section('today', 'Easy 8 km', 1)], 100);
    expect(fitted.context).toEqual({ today: 'Easy 8 km' });
    expect(fitted.omitted).toEqual([]);
    expect(fitted.tokens).toBe(estimateTokens(fitted.text));
  });

  it('drops the least important section first and says so', () => {
    const fitted = fitToBudget(
      [
        section('essential', words(50), 1),
        section('extra', words(400), 3),
        section('useful', words(50), 2),
      ],
      300,
    );
    expect(Object.keys(fitted.context)).toEqual(['essential', 'useful', 'leftOutForLength']);
    expect(fitted.omitted).toEqual(['extra']);
    expect(fitted.tokens).toBeLessThanOrEqual(300);
  });

  it('shortens a list before dropping it, keeping its first (newest) items', () => {
    const items = Array.from({ length: 40 }, (_, i) => `entry ${i}: ${words(20)}`);
    const fitted = fitToBudget(
      [section('essential', 'x', 1), listSection('history', items, 3)],
      400,
    );
    const kept = fitted.context.history as string[];
    expect(kept.length).toBeGreaterThan(0);
    expect(kept.length).toBeLessThan(40);
    expect(kept[0]).toBe(items[0]);
    expect(fitted.omitted).toEqual(['older history']);
    expect(fitted.tokens).toBeLessThanOrEqual(400);
  });

  it('renders the context as numbered facts, a list with item labels as one fact per item', () => {
    const fitted = fitToBudget(
      [
        section('today', 'Easy 8 km', 1, 'Today: easy'),
        listSection('journal', ['2026-11-25: 20%', '2026-11-24: 0%'], 2, 1, ['J 25', 'J 24']),
        section('stage', 'build', 2),
      ],
      100,
      4,
    );
    expect(fitted.text).toBe(
      '[4] Today: Easy 8 km\n[5] Journal: 2026-11-25: 20%\n[6] Journal: 2026-11-24: 0%\n[7] Stage: build',
    );
    expect(fitted.facts.map(({ number, label, key }) => ({ number, label, key }))).toEqual([
      { number: 4, label: 'Today: easy', key: 'today' },
      { number: 5, label: 'J 25', key: 'journal' },
      { number: 6, label: 'J 24', key: 'journal' },
      { number: 7, label: 'Stage', key: 'stage' },
    ]);
    expect(fitted.text).toBe(fitted.facts.map((fact) => fact.text).join('\n'));
  });

  it('says what was left out after the facts, unnumbered', () => {
    const fitted = fitToBudget(
      [section('essential', 'x', 1), section('extra', words(400), 3)],
      100,
    );
    expect(fitted.text).toBe('[1] Essential: x\nLeft Out For Length: extra');
  });

  // Before: an essential field too big for the budget dropped its whole section.
  it('shortens an essential text too big for the budget instead of dropping it', () => {
    const fitted = fitToBudget([section('essential', words(5000), 1)], 200);
    expect(fitted.tokens).toBeLessThanOrEqual(200);
    expect(fitted.omitted).toEqual(['part of essential']);
    expect(fitted.context.essential).toMatch(/^word0 word1 .*… \[truncated\]$/);
  });

  it('keeps the date and score of an autopsy whose analysis is 15,000 characters long', () => {
    const analysis =
      `Tempo went out too fast. ${'The pace drifted as the heart rate climbed. '.repeat(400)}`.slice(
        0,
        15_000,
      );
    const latestAutopsy = {
      date: '2026-11-25',
      alignmentScore: '6/10',
      prescribedAction: 'Tempo 8 km',
      actualActivities: 'Run 9.2 km',
      analysis,
    };
    const fitted = fitToBudget(
      [
        section('latestAutopsy', latestAutopsy, 1),
        section('observationsThatDay', { energyLevel: '3/5', painPercentage: '0%' }, 2),
        listSection('recentAlignmentScores', ['2026-11-25: 6/10', '2026-11-24: 8/10'], 3),
      ],
      3000,
    );
    expect(fitted.tokens).toBeLessThanOrEqual(3000);
    const kept = fitted.context.latestAutopsy as typeof latestAutopsy;
    expect(kept).toMatchObject({ date: '2026-11-25', alignmentScore: '6/10' });
    expect(kept.analysis.startsWith('Tempo went out too fast.')).toBe(true);
    expect(kept.analysis.length).toBeLessThan(analysis.length);
    expect(fitted.text).toContain('Date: 2026-11-25');
    expect(fitted.text).toContain('Alignment Score: 6/10');
    // The day's other sections are small: they stay.
    expect(fitted.context.observationsThatDay).toBeDefined();
    expect(fitted.omitted).toEqual(['part of latestAutopsy']);
  });

  it('shortens long athlete text inside its fence, and a tight budget still ends under it', () => {
    const fitted = fitToBudget(
      [
        section(
          'journal',
          { date: '2026-11-25', notes: athleteText('x'.repeat(3000), { maxChars: 3000 }) },
          1,
        ),
        section('extra', words(100), 3),
      ],
      120,
    );
    expect(fitted.tokens).toBeLessThanOrEqual(120);
    expect(fitted.text).toContain('Date: 2026-11-25');
    expect(fitted.text).toMatch(/<athlete_note>x+… \[truncated\]<\/athlete_note>/);
  });
});
