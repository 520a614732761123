export {
  type AnswerBus,
  type AnswerKey,
  localAnswers,
  type SharedAnswer,
} from './answer-bus';
export type { BasedOn } from './based-on';
export {
  type AnswerOutcome,
  type AnswerRecord,
  type ChatLogger,
  type ChatObserver,
  type ChatRefusal,
  ChatService,
  type ChatServiceOptions,
  type ChatSettings,
  type StreamChatInput,
} from './chat-service';
export {
  type AnswerStatus,
  CONVERSATION_TITLE_MAX_CHARS,
  type ConversationMessageView,
  ConversationNotFoundError,
  type ConversationSummary,
  type ConversationView,
  conversationId,
  conversationIdInput,
  deleteAllConversations,
  deleteConversation,
  getConversation,
  listConversations,
  MAX_CONVERSATIONS_PER_ATHLETE,
  MAX_STORED_MESSAGES,
  STORED_ANSWER_MAX_CHARS,
} from './conversation-store';
export {
  DailyLimitReachedError,
  RequestInProgressElsewhereError,
  TooManyStreamsError,
} from './errors';
export {
  type ChatEvent,
  type CitedFact,
  chatEventSchema,
  isFinal,
  type RememberOutcome,
  type TrackedChatEvent,
} from './events';
export { buildMessages } from './messages';
export { composeOfflineAnswer, createOfflineCoach } from './offline-coach';
export {
  type ChatMemory,
  guessMemoryKind,
  type RememberRequest,
  rememberRequestIn,
} from './remember';
