import { cleanup } from '@testing-library/react';
import { afterEach } from 'vitest';

afterEach(() => {
  cleanup();
  // what the chat remembers between reloads must not leak from one test into the next
  globalThis.localStorage?.clear();
});
