export { createAnthropicModel } from './anthropic';

export {
  billedInputTokens,
  type ChatModel,
  type ChatTurn,
  MODEL_ERROR_MESSAGES,
  ModelError,
  type ModelErrorKind,
  type ModelEvent,
  type ModelRequest,
  type ModelUsage,
  NO_USAGE,
} from './model';
export { estimateTokens } from './token-estimate';
