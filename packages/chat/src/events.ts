import type { CitedFact } from './based-on';

/** What a chat stream yields, in order: tokens, then one `done` or one `error`. */
export type ChatEvent =
  | { type: 'token'; content: string }
  | {
      type: 'done';
      usage: { inputTokens: number; outputTokens: number };
      /** present (true) when the offline coach gave the answer: it used none of the day's messages */
      offline?: true;
      /** the facts the finished answer cited ("Based on"), numbered as in its prompt; absent: none */
      facts?: CitedFact[];
      /** numbers in the answer that none of what the coach was given contains */
      unsupportedNumbers?: string[];
      /** the saved conversation the send and this answer are stored in */
      conversationId?: number;
    }
  | {
      type: 'error';
      message: string;
      /** the saved conversation the send (and the answer, as far as it got) is stored in */
      conversationId?: number;
    };

/** An event with its position in the answer, so a reconnecting client can resume after it. */
export interface TrackedChatEvent {
  id: string;
  event: ChatEvent;
}

export function isFinal(event: ChatEvent): boolean {
  return event.type !== 'token';
}
