/** What a chat stream yields, in order: tokens, then one `done` or one `error`. */
export type ChatEvent =
  | { type: 'token'; content: string }
  | { type: 'done'; usage: { inputTokens: number; outputTokens: number } }
  | { type: 'error'; message: string };

/** An event with its position in the answer, so a reconnecting client can resume after it. */
export interface TrackedChatEvent {
  id: string;
  event: ChatEvent;
}

export function isFinal(event: ChatEvent): boolean {
  return event.type !== 'token';
}
