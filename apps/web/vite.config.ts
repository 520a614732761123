import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

// In development the page talks to the API server on :3000 through Vite's proxy (HTTP and WebSocket).
export default defineConfig({
  plugins: [react()],
  server: {
    proxy: {
      '/trpc': { target: 'http://localhost:3000', ws: true },
      '/api': { target: 'http://localhost:3000' },
    },
  },
  build: { outDir: 'dist', sourcemap: true },
  test: { environment: 'happy-dom', setupFiles: ['./src/test-setup.ts'] },
});
