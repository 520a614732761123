/** What a chat stream yields, in order: tokens, then one `done` or one `error`. */
export type ChatEvent =
  | { type: 'token'; content: string }
  | {
      type: 'done';
      usage: { inputTokens: number; outputTokens: number };
      /** present (true) when the offline coach gave the answer: it used none of the day's messages */
      offline?: true;
    }
  | { type: 'error'; message: string };

/** An event with its position in the answer, so a reconnecting client can resume after it. */
export interface TrackedChatEvent {
  id: string;
  event: ChatEvent;
}

export function isFinal(event: ChatEvent): boolean {
  return event.type !== 'token';
}
