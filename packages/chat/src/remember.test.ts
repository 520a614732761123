import { MEMORY_TEXT_MAX_CHARS } from '@coach/athlete-data/bounds';
import { describe, expect, it } from 'vitest';
import { guessMemoryKind, proposedMemoryIn, rememberRequestIn } from './remember';

describe('rememberRequestIn', () => {
  it('finds the phrasings, in any case, and keeps what follows to the end of its sentence', () => {
    expect(rememberRequestIn('remember that my left calf has been tight since Monday')).toEqual({
      kind: 'injury',
      text: 'My left calf has been tight since Monday',
    });
    expect(rememberRequestIn('Please remember: no runs on Tuesdays.')).toEqual({
      kind: 'constraint',
      text: 'No runs on Tuesdays',
    });
    expect(
      rememberRequestIn('Ran 5.5 km today. REMEMBER THAT I prefer trails! How was it?'),
    ).toEqual({ kind: 'preference', text: 'I prefer trails' });
    expect(rememberRequestIn('Can you please remember that I only have a treadmill?')).toEqual({
      kind: 'constraint',
      text: 'I only have a treadmill',
    });
    expect(rememberRequestIn("Don't forget that I like company on long runs")?.text).toBe(
      'I like company on long runs',
    );
    expect(rememberRequestIn('keep in mind that my knee  aches\non hills')?.text).toBe(
      'My knee aches',
    );
    // Typed on a phone: curly apostrophes and quotes.
    expect(rememberRequestIn('Don’t forget that I can’t run before 7 o’clock”')).toEqual({
      kind: 'constraint',
      text: 'I can’t run before 7 o’clock',
    });
  });

  it('finds nothing in a message that does not ask to remember', () => {
    for (const message of [
      'What should I do today?',
      'Do you remember what I ran yesterday?',
      'I remember that race fondly',
      'Remember when I ran 30 km?',
      'remember that',
      'remember: !',
    ]) {
      expect(rememberRequestIn(message)).toBeNull();
    }
  });

  it('bounds the text by the item limit', () => {
    const request = rememberRequestIn(`remember that ${'I like hills '.repeat(40)}`);
    expect(request?.text.length).toBeLessThanOrEqual(MEMORY_TEXT_MAX_CHARS);
  });
});

describe('guessMemoryKind', () => {
  it('puts injury words first, then days, times and equipment, else a preference', () => {
    expect(guessMemoryKind('Achilles sore after speed work on Tuesdays')).toBe('injury');
    expect(guessMemoryKind('Only mornings before 7 am')).toBe('constraint');
    expect(guessMemoryKind('No gym membership')).toBe('constraint');
    expect(guessMemoryKind('Likes running with music')).toBe('preference');
  });
});

describe('proposedMemoryIn', () => {
  it('takes a known kind in any case and a bounded text, trimmed', () => {
    expect(proposedMemoryIn({ kind: 'Injury', text: ' Left calf tight ' })).toEqual({
      kind: 'injury',
      text: 'Left calf tight',
    });
  });

  it('refuses an unknown kind, an empty or an over-long text, and no line at all', () => {
    expect(proposedMemoryIn({ kind: 'mood', text: 'Happy' })).toBeNull();
    expect(proposedMemoryIn({ kind: 'goal', text: ' ' })).toBeNull();
    expect(
      proposedMemoryIn({ kind: 'goal', text: 'x'.repeat(MEMORY_TEXT_MAX_CHARS + 1) }),
    ).toBeNull();
    expect(proposedMemoryIn(undefined)).toBeNull();
  });
});
