import type { ChatTurn } from '@coach/llm';
import { MAX_MESSAGE_CHARS } from '@coach/prompts';

/** The most earlier questions the note of dropped turns names, newest kept, and their length. */
const NOTED_QUESTIONS = 8;
const NOTED_QUESTION_CHARS = 100;

/**
 * How many of the oldest turns leave the window: none while the history fits in `maxMessages`, then
 * a whole window's worth at a time (an even number, so questions and answers leave together): the
 * last exchange stays, and the window fills up again from there. So successive requests of a
 * conversation start with the same turns, and each one's prompt begins with the previous one's
 * (which the provider can read back from its cache), instead of the window sliding by one exchange
 * every turn. A drop makes the provider write the kept turns to its cache again: keeping only the
 * last exchange, with a note of the questions before it (`droppedTopicsNote`), makes that write
 * barely bigger than a normal turn's, where a second kept exchange would add a whole answer
 * (`pnpm bench cost`).
 */
export function turnsDropped(historyLength: number, maxMessages: number): number {
  const excess = historyLength - maxMessages;
  if (excess <= 0) return 0;
  const block = 2 * Math.max(1, Math.floor(maxMessages / 2));
  return Math.ceil(excess / block) * block;
}

/**
 * What the model is told of the turns that left the window: the athlete's questions, newest last,
 * each cut short, so it knows what was covered. Fixed between two drops, like the turns after it.
 */
function droppedTopicsNote(dropped: readonly ChatTurn[]): string {
  const questions = dropped
    .filter((turn) => turn.role === 'user')
    .slice(-NOTED_QUESTIONS)
    .map((turn) => {
      const question = turn.content.replace(/\s+/g, ' ').trim();
      return `"${question.length > NOTED_QUESTION_CHARS ? `${question.slice(0, NOTED_QUESTION_CHARS - 1)}…` : question}"`;
    });
  return questions.length > 0
    ? `(Earlier in this conversation, answers no longer shown, I asked: ${questions.join('; ')}.)`
    : '';
}

/**
 * The turns sent to the model: at most `maxMessages` of the history, dropped from the oldest in
 * blocks (`turnsDropped`), starting with a user turn that notes the questions dropped before it
 * (`droppedTopicsNote`), alternating (consecutive turns of one role are joined), each capped in
 * size, then the new message.
 */
export function buildMessages(
  history: readonly ChatTurn[],
  message: string,
  maxMessages: number,
): ChatTurn[] {
  const dropped = turnsDropped(history.length, maxMessages);
  const recent = history.slice(dropped);
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
  const note = droppedTopicsNote(history.slice(0, dropped + Math.max(0, firstUser)));
  const first = turns[0];
  if (first && note !== '') first.content = `${note}\n\n${first.content}`;
  return turns;
}
