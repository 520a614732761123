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
    // 14 turns, window 10: a block of 10 leaves (q0 … a9); then the new question.
    expect(messages.map((m) => m.content)).toEqual(['q10', 'a11', 'q12', 'a13', 'new']);
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
    const history = [user('q0'), assistant('a0'), user('q1'), assistant('a1')];
    // The last 3 are a0, q1, a1: the leading assistant turn goes.
    expect(buildMessages(history, 'q2', 3)).toEqual([user('q1'), assistant('a1'), user('q2')]);
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
