import { describe, expect, it } from 'vitest';
import {
  getUniverseIntro,
  isUniverse,
  SUGGESTED_QUESTIONS,
  UNIVERSE_INTROS,
  UNIVERSE_LABELS,
  UNIVERSES,
} from './universes';

describe('universes', () => {
  it('lists the five universes of the plan, in order', () => {
    expect(UNIVERSES).toEqual([
      'autopsy',
      'training_plan',
      'todays_workout',
      'progress',
      'general',
    ]);
  });

  it('recognises universes and nothing else', () => {
    for (const universe of UNIVERSES) expect(isUniverse(universe)).toBe(true);
    for (const value of ['', 'GENERAL', 'daily_workout', null, undefined, 1, {}]) {
      expect(isUniverse(value)).toBe(false);
    }
  });

  it('has a label, an intro and three suggested questions for every universe', () => {
    for (const universe of UNIVERSES) {
      expect(UNIVERSE_LABELS[universe].length).toBeGreaterThan(0);
      expect(UNIVERSE_INTROS[universe].length).toBeGreaterThan(0);
      expect(SUGGESTED_QUESTIONS[universe]).toHaveLength(3);
    }
    expect(UNIVERSE_LABELS.todays_workout).toBe("Today's workout");
    expect(SUGGESTED_QUESTIONS.todays_workout).toContain('What should I do today and why?');
    expect(SUGGESTED_QUESTIONS.autopsy).toContain('What did my last autopsy find?');
  });
});

describe('getUniverseIntro', () => {
  it("returns the plan's intro for each universe", () => {
    expect(getUniverseIntro('autopsy')).toBe(
      'I can explain your latest workout analysis, alignment score, and what I learned from comparing your prescribed vs actual training.',
    );
    expect(getUniverseIntro('general')).toBe(
      'Ask me general coaching questions about training, nutrition, recovery, or running technique.',
    );
  });

  it('falls back to the general intro for anything unknown', () => {
    for (const value of ['nonsense', '', 'AUTOPSY', 'toString', '__proto__']) {
      expect(getUniverseIntro(value)).toBe(UNIVERSE_INTROS.general);
    }
  });
});
