// Test support: the fake Anthropic Messages API, kept out of the package's main export.
export {
  DEFAULT_FAKE_TEXT,
  type FakeAnthropic,
  type FakeReply,
  type FakeUsage,
  startFakeAnthropic,
} from './fake-anthropic';
