/// <reference types="vitest/config" />
import { readFileSync } from 'node:fs';
import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import tailwindcss from '@tailwindcss/vite';

// The API docs viewer (/api/docs/): swagger-ui's bundle and stylesheet from the npm package
// swagger-ui-dist, copied to dist/api-docs/ beside the page and its start script
// (public/api-docs/), so the viewer is served locally with the dashboard.
function apiDocsViewer(): Plugin {
  const from = new URL('./node_modules/swagger-ui-dist/', import.meta.url);
  return {
    name: 'aitp-api-docs',
    apply: 'build',
    generateBundle() {
      for (const file of ['swagger-ui-bundle.js', 'swagger-ui.css', 'LICENSE']) {
        this.emitFile({ type: 'asset', fileName: `api-docs/${file}`, source: readFileSync(new URL(file, from)) });
      }
    },
  };
}

// Dev server proxies the API and the WebSocket to `aitp serve`.
const target = process.env.AITP_API_URL ?? 'http://127.0.0.1:8000';

export default defineConfig({
  base: '/',
  plugins: [react(), tailwindcss(), apiDocsViewer()],
  server: {
    proxy: {
      '/api': { target, changeOrigin: false },
      '/ws': { target, ws: true, changeOrigin: false },
      '/metrics': { target },
    },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 800,
  },
  test: {
    environment: 'jsdom',
    globals: false,
    setupFiles: ['./src/test/setup.ts'],
    include: ['src/**/*.test.{ts,tsx}'],
    css: false,
  },
});
