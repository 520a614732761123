import { describe, expect, it } from 'vitest';
import { condenseTrainingGuide, TRAINING_GUIDE } from './training-guide';

const sectionsOf = (guide: string) => guide.split(/\n(?=## )/).slice(1);

describe('TRAINING_GUIDE', () => {
  // Longer than before (5,000 to 7,000): with the instructions it makes a prompt prefix that every
  // athlete shares and that is long enough to be cached (Haiku 4.5 caches from 4,096 tokens).
  it('is 14,000 to 17,000 characters with the expected sections in order', () => {
    expect(TRAINING_GUIDE.length).toBeGreaterThanOrEqual(14_000);
    expect(TRAINING_GUIDE.length).toBeLessThanOrEqual(17_000);
    const headings = TRAINING_GUIDE.split('\n').filter((line) => line.startsWith('## '));
    expect(headings).toEqual([
      "## Reading the athlete's numbers in Coach",
      '## Workout types',
      '## Load management and ACWR',
      '## Intensity distribution',
      '## Progression',
      '## Long runs',
      '## Tapering',
      '## Recovery and sleep',
      '## Fuelling basics',
      '## Pain red flags',
      '## Race pacing',
      '## Heat, cold and altitude',
      '## Strength, mobility and cross-training',
      '## Returning after a break',
      '## Answering the athlete',
      '## Training for each race distance',
      '## Questions athletes ask, and what answers them',
      '## Shoes, surfaces and form',
      '## The mental side',
    ]);
  });

  it('cites its sources', () => {
    for (const source of [
      'Gabbett 2016',
      'Impellizzeri et al. 2020',
      'Seiler',
      'Bosquet et al. 2007',
    ]) {
      expect(TRAINING_GUIDE).toContain(source);
    }
  });
});

describe('condenseTrainingGuide', () => {
  it('returns a guide that fits unchanged', () => {
    expect(condenseTrainingGuide(TRAINING_GUIDE, TRAINING_GUIDE.length)).toBe(TRAINING_GUIDE);
    expect(condenseTrainingGuide('short', 100)).toBe('short');
  });

  it('keeps whole sections, in order, within maxChars, and says how many it left out', () => {
    const all = sectionsOf(TRAINING_GUIDE).map((s) => s.trim());
    for (const maxChars of [400, 1500, 2500, 4000, TRAINING_GUIDE.length - 1]) {
      const condensed = condenseTrainingGuide(TRAINING_GUIDE, maxChars);
      expect(condensed.length).toBeLessThanOrEqual(maxChars);
      const kept = sectionsOf(condensed).map((s) => s.replace(/\n\n\[Guide condensed.*$/s, ''));
      // every kept section is a whole section of the guide, and they keep their order
      const indexes = kept.map((section) => all.indexOf(section.trim()));
      expect(indexes.every((i) => i >= 0)).toBe(true);
      expect([...indexes].sort((a, b) => a - b)).toEqual(indexes);
      expect(condensed).toMatch(
        new RegExp(`\\[Guide condensed: ${all.length - kept.length} sections? omitted\\]$`),
      );
    }
  });

  it('keeps the title and the first section when there is room for them', () => {
    const condensed = condenseTrainingGuide(TRAINING_GUIDE, 1600);
    expect(condensed.startsWith('# Coach reference guide')).toBe(true);
    expect(condensed).toContain('## Load management and ACWR');
    expect(condensed).not.toContain('## Intensity distribution');
  });

  it('skips a section that does not fit but keeps a later one that does', () => {
    const guide = [
      '# T',
      '## A\nshort.',
      `## B\n${'Long sentence. '.repeat(20).trim()}`,
      '## C\nalso short.',
    ].join('\n\n');
    const condensed = condenseTrainingGuide(guide, 120);
    expect(condensed).toBe(
      '# T\n\n## A\nshort.\n\n## C\nalso short.\n\n[Guide condensed: 1 section omitted]',
    );
  });

  it('gives only the note, or nothing, when no section fits', () => {
    expect(condenseTrainingGuide(TRAINING_GUIDE, 40)).toBe(
      '[Guide condensed: 19 sections omitted]',
    );
    expect(condenseTrainingGuide(TRAINING_GUIDE, 10)).toBe('');
  });

  it('rejects a negative or missing maxChars', () => {
    expect(() => condenseTrainingGuide(TRAINING_GUIDE, -1)).toThrow(RangeError);
    expect(() => condenseTrainingGuide(TRAINING_GUIDE, Number.NaN)).toThrow(RangeError);
  });
});
