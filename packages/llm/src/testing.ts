// Test support: the fake Anthropic Messages API, kept out of the package's main export.
export {
  DEFAULT_FAKE_TEXT,
  type FakeAnthropic,
  type FakeAnthropicCounts,
  type FakeAnthropicOptions,
  type FakeMessage,
  type FakeMessagesBody,
  type FakeReply,
  type FakeReplyFactory,
  type FakeTextBlock,
  type FakeUsage,
  type RecordedRequest,
  splitIntoTokens,
  startFakeAnthropic,
  validateMessagesBody,
} from './fake-anthropic';
