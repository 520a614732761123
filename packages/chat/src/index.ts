export {
  type AnswerBus,
  type AnswerKey,
  localAnswers,
  type SharedAnswer,
} from './answer-bus';

export {
  type AnswerRecord,
  type ChatObserver,
  type ChatRefusal,
  ChatService,
} from './chat-service';
export {
  ConversationNotFoundError,
  conversationId,
  conversationIdInput,
  deleteAllConversations,
  deleteConversation,
  getConversation,
  listConversations,
} from './conversation-store';
export {
  DailyLimitReachedError,
  RequestInProgressElsewhereError,
  TooManyStreamsError,
} from './errors';
export {
  type ChatEvent,
  chatEventSchema,
  isFinal,
  type TrackedChatEvent,
} from './events';

export type { ChatMemory } from './remember';
export { sinceIn } from './remember-since';
