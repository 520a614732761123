import { afterAll, beforeAll, beforeEach } from 'vitest';
import { type FakeAnthropic, startFakeAnthropic } from './fake-anthropic';

/**
 * One fake Anthropic API for a test file: started before its tests, reset before each, closed
 * after them. Returns the accessor the tests read it through.
 */
export function fakeForThisFile(): () => FakeAnthropic {
  let fake: FakeAnthropic | undefined;
  beforeAll(async () => {
    fake = await startFakeAnthropic();
  });
  afterAll(async () => {
    await fake?.close();
  });
  beforeEach(() => {
    fake?.reset();
  });
  return () => {
    if (!fake) throw new Error('the fake starts before the tests');
    return fake;
  };
}
