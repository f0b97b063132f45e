import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';

/**
 * The dev server injects an inline React Refresh preamble that the production CSP forbids; relax the
 * policy only while serving, so the built page keeps the strict one.
 */
function devCsp(): Plugin {
  return {
    name: 'stevedore-dev-csp',
    apply: 'serve',
    transformIndexHtml: (html) => html.replace("script-src 'self'", "script-src 'self' 'unsafe-inline'"),
  };
}

export default defineConfig({
  root: 'renderer',
  // Electron loads the build from file://, so every asset URL must be relative.
  base: './',
  plugins: [react(), devCsp()],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: true,
  },
});
