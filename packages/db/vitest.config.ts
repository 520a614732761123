import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // The schema engine used by the drift check is a WebAssembly module (flagged on Node 20).
    execArgv: ['--experimental-wasm-modules', '--no-warnings=ExperimentalWarning'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
