import path from 'node:path';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const here = path.dirname(fileURLToPath(import.meta.url));

/** Builds the web app into web/dist, which `fraudx serve` serves at `/`. */
export default defineConfig({
  root: here,
  plugins: [react()],
  build: {
    outDir: path.join(here, 'dist'),
    emptyOutDir: true,
    chunkSizeWarningLimit: 1200,
    // No inline module-preload polyfill: the page's policy allows scripts from this origin only.
    modulePreload: { polyfill: false },
  },
  server: {
    // Development: `npx vite web` on :5173 talks to a `fraudx serve` on :8080.
    proxy: { '/api': 'http://127.0.0.1:8080' },
    fs: { allow: [path.join(here, '..')] },
  },
});
