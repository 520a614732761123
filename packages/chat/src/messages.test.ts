import { describe, expect, it } from 'vitest';
import { buildMessages, MAX_TURN_CHARS } from './messages';

const user = (content: string) => ({ role: 'user' as const, content });
const assistant = (content: string) => ({ role: 'assistant' as const, content });

describe('buildMessages', () => {
  it('appends the new message to an empty history', () => {
    expect(buildMessages([], 'Hi coach', 10)).toEqual([user('Hi coach')]);
  });

  it('keeps only the last N turns of the history', () => {
    const history = Array.from({ length: 14 }, (_, i) =>
      i % 2 === 0 ? user(`q${i}`) : assistant(`a${i}`),
    );
    const messages = buildMessages(history, 'new', 10);
    // The last 10 of 14 are q4, a5 … a13; then the new question.
    expect(messages.map((m) => m.content)).toEqual([
      'q4',
      'a5',
      'q6',
      'a7',
      'q8',
      'a9',
      'q10',
      'a11',
      'q12',
      'a13',
      'new',
    ]);
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
    expect(first?.content.length).toBe(MAX_TURN_CHARS);
  });

  it('does not change the history it was given', () => {
    const history = [user('q0'), user('q1')];
    buildMessages(history, 'q2', 10);
    expect(history).toEqual([user('q0'), user('q1')]);
  });
});
