import { estimateTokens, formatContextSection } from '@coach/prompts';
import { describe, expect, it } from 'vitest';
import { fitToBudget } from './budget';
import { listSection, section } from './sections';

const words = (n: number) => Array.from({ length: n }, (_, i) => `word${i}`).join(' ');

describe('fitToBudget', () => {
  it('leaves a context that fits untouched', () => {
    const fitted = fitToBudget([section('today', 'Easy 8 km', 1)], 100);
    expect(fitted.context).toEqual({ today: 'Easy 8 km' });
    expect(fitted.omitted).toEqual([]);
    expect(fitted.tokens).toBe(estimateTokens(formatContextSection({ today: 'Easy 8 km' })));
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

  it('stays under budget even when the essential part alone is too big', () => {
    const fitted = fitToBudget([section('essential', words(5000), 1)], 200);
    expect(fitted.tokens).toBeLessThanOrEqual(200);
    expect(fitted.omitted).toEqual(['essential']);
  });
});
