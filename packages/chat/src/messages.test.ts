import { MAX_MESSAGE_CHARS } from '@coach/prompts';
import { describe, expect, it } from 'vitest';
import { buildMessages, turnsDropped } from './messages';

const user = (content: string) => ({ role: 'user' as const, content });
const assistant = (content: string) => ({ role: 'assistant' as const, content });

describe('buildMessages', () => {
  it('appends the new message to an empty history', () => {
    expect(buildMessages([], 'Hi coach', 10)).toEqual([user('Hi coach')]);
  });

  // Before: the window slid by one exchange each turn (the last 10 of 14 were q4 … a13).
  it('keeps at most N turns, dropping the oldest a whole window at a time', () => {
    const history = Array.from({ length: 14 }, (_, i) =>
      i % 2 === 0 ? user(`q${i}`) : assistant(`a${i}`),
    );
    const messages = buildMessages(history, 'new', 10);
    // 14 turns, window 10: a block of 10 leaves (q0 … a9), noted; then the new question.
    expect(messages.map((m) => m.content)).toEqual([
      '(Earlier in this conversation, answers no longer shown, I asked: "q0"; "q2"; "q4"; "q6"; "q8".)\n\nq10',
      'a11',
      'q12',
      'a13',
      'new',
    ]);
  });

  it('notes the dropped questions, the latest few, each cut short, the same until the next drop', () => {
    const long = `How should I pace ${'the hills and '.repeat(20)}the flat?`;
    const history = Array.from({ length: 32 }, (_, i) =>
      i % 2 === 0 ? user(i === 28 ? long : `q${i}`) : assistant(`a${i}`),
    );
    const [first] = buildMessages(history, 'new', 10);
    // 32 turns: 30 left, their 15 questions; the note names the last 8 of them.
    const note = first?.content.split('\n\n')[0] ?? '';
    expect(note).toMatch(
      /^\(Earlier in this conversation, answers no longer shown, I asked: "q14"; /,
    );
    expect(note).toContain(`"${long.slice(0, 99)}…"`);
    expect(note).not.toContain('q12"');
    expect(note).not.toContain('a1');
    expect(first?.content.endsWith('\n\nq30')).toBe(true);
    // The next request, before the next drop, begins with the same turns, note included.
    const next = buildMessages([...history, user('new'), assistant('ok')], 'newer', 10);
    expect(next.slice(0, 3)).toEqual(buildMessages(history, 'new', 10).slice(0, 3));
  });

  it('keeps successive requests of a conversation starting with the same turns', () => {
    expect([8, 10, 12, 14, 16, 18, 20, 22].map((n) => turnsDropped(n, 10))).toEqual([
      0, 0, 10, 10, 10, 10, 10, 20,
    ]);
    for (let n = 0; n <= 40; n += 2) {
      const kept = n - turnsDropped(n, 10);
      expect(kept).toBeLessThanOrEqual(10);
      // the last exchange always stays
      expect(kept).toBeGreaterThanOrEqual(Math.min(n, 2));
    }
    // Each request's messages begin with the previous request's, until a block leaves.
    const history = Array.from({ length: 16 }, (_, i) =>
      i % 2 === 0 ? user(`q${i}`) : assistant(`a${i}`),
    );
    const earlier = buildMessages(history.slice(0, 12), 'q12', 10);
    const later = buildMessages(history, 'q16', 10);
    expect(later.slice(0, earlier.length - 1)).toEqual(earlier.slice(0, -1));
  });

  it('starts with a user turn when trimming cut a question off', () => {
    const history = [user('q0'), assistant('a0'), user('q1'), assistant('a1'), user('q2')];
    // Window 3: two turns leave (q0, a0); then q1, a1, and q2 joins the new question.
    expect(buildMessages(history, 'q3', 3)).toEqual([
      user('(Earlier in this conversation, answers no longer shown, I asked: "q0".)\n\nq1'),
      assistant('a1'),
      user('q2\n\nq3'),
    ]);
    // A history that starts with an answer: it goes, and nothing is noted.
    expect(buildMessages([assistant('a0'), user('q1')], 'q2', 10)).toEqual([user('q1\n\nq2')]);
  });

  it('joins consecutive turns of one role so roles alternate', () => {
    const history = [user('q0'), user('and also'), assistant('a0')];
    expect(buildMessages(history, 'q1', 10)).toEqual([
      user('q0\n\nand also'),
      assistant('a0'),
      user('q1'),
    ]);
    // A question that was never answered (stopped) joins the new one.
    expect(buildMessages([user('q0')], 'q1', 10)).toEqual([user('q0\n\nq1')]);
  });

  it('caps each turn’s size', () => {
    const [first] = buildMessages([user('x'.repeat(10_000)), assistant('ok')], 'q', 10);
    expect(first?.content.length).toBe(MAX_MESSAGE_CHARS);
  });

  it('does not change the history it was given', () => {
    const history = [user('q0'), user('q1')];
    buildMessages(history, 'q2', 10);
    expect(history).toEqual([user('q0'), user('q1')]);
  });
});
