import { type ChatEvent, type ChatState, chatReducer, initialChatState } from '../chat/chat-state';

type DoneEvent = Extract<ChatEvent, { type: 'done' }>;

/** The chat after one question, "Hi" (request "r1"), answered "Noted." and ended by this done event. */
export function answeredWith(done: Omit<DoneEvent, 'type' | 'usage'> = {}): ChatState {
  let state = chatReducer(initialChatState(), { type: 'send', text: 'Hi', requestId: 'r1' });
  state = chatReducer(state, {
    type: 'event',
    requestId: 'r1',
    eventId: 'r1:0',
    event: { type: 'token', content: 'Noted.' },
  });
  return chatReducer(state, {
    type: 'event',
    requestId: 'r1',
    eventId: 'r1:1',
    event: { type: 'done', usage: { inputTokens: 10, outputTokens: 2 }, ...done },
  });
}
