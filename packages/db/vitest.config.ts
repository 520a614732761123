import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // The schema engine used by the drift check is a WebAssembly module (flagged on Node 20).
    execArgv: ['--experimental-wasm-modules', '--no-warnings=ExperimentalWarning'],
    // Each drift check runs the schema engine over every migration: tens of seconds on a busy machine.
    testTimeout: 120_000,
    hookTimeout: 60_000,
  },
});
