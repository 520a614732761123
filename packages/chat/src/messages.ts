import type { ChatTurn } from '@coach/llm';
import { MAX_MESSAGE_CHARS } from '@coach/prompts';

/**
 * How many of the oldest turns leave the window: none while the history fits in `maxMessages`, then
 * a whole window's worth at a time (an even number, so questions and answers leave together): the
 * last exchange stays, and the window fills up again from there. So successive requests of a
 * conversation start with the same turns, and each one's prompt begins with the previous one's
 * (which the provider can read back from its cache), instead of the window sliding by one exchange
 * every turn. A drop makes the provider write the kept turns to its cache again; keeping only the
 * last exchange makes that write no bigger than a normal turn's (`pnpm bench cost`).
 */
export function turnsDropped(historyLength: number, maxMessages: number): number {
  const excess = historyLength - maxMessages;
  if (excess <= 0) return 0;
  const block = 2 * Math.max(1, Math.floor(maxMessages / 2));
  return Math.ceil(excess / block) * block;
}

/**
 * The turns sent to the model: at most `maxMessages` of the history, dropped from the oldest in
 * blocks (`turnsDropped`), starting with a user turn, alternating (consecutive turns of one role
 * are joined), each capped in size, then the new message.
 */
export function buildMessages(
  history: readonly ChatTurn[],
  message: string,
  maxMessages: number,
): ChatTurn[] {
  const recent = history.slice(turnsDropped(history.length, maxMessages));
  const firstUser = recent.findIndex((turn) => turn.role === 'user');
  const turns: ChatTurn[] = [];
  for (const turn of [
    ...(firstUser < 0 ? [] : recent.slice(firstUser)),
    { role: 'user' as const, content: message },
  ]) {
    const content = turn.content.slice(0, MAX_MESSAGE_CHARS);
    const previous = turns.at(-1);
    if (previous?.role === turn.role) previous.content = `${previous.content}\n\n${content}`;
    else turns.push({ role: turn.role, content });
  }
  return turns;
}
