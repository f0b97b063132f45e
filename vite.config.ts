import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import { CONTENT_SECURITY_POLICY_META } from './shared/security';

/** The page's own <meta> policy comes from the same constant both hosts send as a header. */
function cspMeta(): Plugin {
  return {
    name: 'stevedore-csp-meta',
    transformIndexHtml: {
      order: 'pre',
      handler: (html) => {
        if (!html.includes('__STEVEDORE_CSP__')) throw new Error('renderer/index.html lost its __STEVEDORE_CSP__ placeholder');
        return html.replace('__STEVEDORE_CSP__', CONTENT_SECURITY_POLICY_META);
      },
    },
  };
}

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

/**
 * The entry script runs as soon as it is fetched, not after the whole page is parsed: the web host
 * sends the end of the page (the image list) only once the engine has answered, and the window's
 * frame should not wait for it (see renderer/stores/first-list-element.ts).
 */
function asyncEntry(): Plugin {
  return {
    name: 'stevedore-async-entry',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler: (html) => {
        const entry = /<script type="module" crossorigin src=/g;
        if ((html.match(entry) ?? []).length !== 1) throw new Error('index.html: expected exactly one module entry script to mark async');
        return html.replace(entry, '<script type="module" async crossorigin src=');
      },
    },
  };
}

export default defineConfig({
  root: 'renderer',
  // Relative asset URLs work at the web host's root and under the desktop app's app://stevedore/.
  base: './',
  plugins: [cspMeta(), react(), devCsp(), asyncEntry()],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    target: 'es2022',
    // Profiling a build (STEVEDORE_NO_MINIFY=1) keeps function names readable in the CPU profile.
    minify: process.env.STEVEDORE_NO_MINIFY ? false : 'esbuild',
    sourcemap: true,
  },
});
