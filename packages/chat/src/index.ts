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
