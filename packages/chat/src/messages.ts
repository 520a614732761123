import type { ChatTurn } from '@coach/llm';

/** Longest single turn the model is sent, in characters (the input limit of the chat box). */
export const MAX_TURN_CHARS = 4000;

/**
 * The turns sent to the model: the last `maxMessages` of the history, starting with a user turn,
 * alternating (consecutive turns of one role are joined), each capped in size, then the new message.
 */
export function buildMessages(
  history: readonly ChatTurn[],
  message: string,
  maxMessages: number,
): ChatTurn[] {
  const recent = history.slice(-maxMessages);
  const firstUser = recent.findIndex((turn) => turn.role === 'user');
  const turns: ChatTurn[] = [];
  for (const turn of [
    ...(firstUser < 0 ? [] : recent.slice(firstUser)),
    { role: 'user' as const, content: message },
  ]) {
    const content = turn.content.slice(0, MAX_TURN_CHARS);
    const previous = turns.at(-1);
    if (previous?.role === turn.role) previous.content = `${previous.content}\n\n${content}`;
    else turns.push({ role: turn.role, content });
  }
  return turns;
}
