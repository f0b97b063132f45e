// Lint enforces the architecture: shared ← electron/core ← electron/{main,preload,web-host}; renderer → shared only.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import { builtinModules } from 'node:module';

const nodeBuiltins = [...builtinModules, ...builtinModules.map((m) => `node:${m}`)];
const restrict = (paths, patterns) => ({ 'no-restricted-imports': ['error', { paths, patterns }] });
const named = (names, message) => names.map((name) => ({ name, message }));
const group = (globs, message) => [{ group: globs, message }];

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', 'release/', 'test-results/', 'playwright-report/', 'docs/', '.stevedore-test/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      'no-empty': ['error', { allowEmptyCatch: true }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['shared/**/*.ts'],
    rules: restrict(
      named([...nodeBuiltins, 'electron', 'dockerode', 'ws', 'react', 'react-dom'], 'shared/ is used by both sides: pure TypeScript only.'),
      group(['**/electron/**', '**/renderer/**', '../electron/*', '../renderer/*'], 'shared/ depends on nothing of ours.'),
    ),
  },
  {
    files: ['electron/core/**/*.ts'],
    rules: restrict(
      named(['electron'], 'electron/core is plain Node, tested against a real engine without Electron.'),
      group(['**/main/**', '**/preload/**', '**/web-host/**', '**/renderer/**', '../main/*', '../preload/*', '../web-host/*'], 'core must not depend on a host or the renderer.'),
    ),
  },
  {
    files: ['electron/**/*.ts'],
    ignores: ['electron/**/*.itest.ts', 'electron/**/*.test.ts', 'electron/**/test-support/**'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: "CallExpression[callee.property.name=/^get(Image|Container|Volume|Network|Exec|Plugin|Secret|Config|Service|Task|Node)$/]",
          message: 'Names reach Engine API paths only through electron/core/engine-objects.ts, which checks and encodes them.',
        },
      ],
    },
  },
  {
    files: ['electron/main/**/*.ts'],
    rules: restrict([], group(['**/web-host/**', '**/preload/**', '**/renderer/**'], 'hosts share code only through core or shared.')),
  },
  {
    files: ['electron/web-host/**/*.ts'],
    rules: restrict(
      named(['electron'], 'the web host runs in plain Node.'),
      group(['**/main/**', '**/preload/**', '**/renderer/**'], 'hosts share code only through core or shared.'),
    ),
  },
  {
    files: ['electron/preload/**/*.ts'],
    rules: restrict(
      named(['dockerode', 'ws'], 'the sandboxed preload only forwards the contract.'),
      group(['**/core/**', '**/main/**', '**/web-host/**', '**/renderer/**'], 'the preload depends on shared only.'),
    ),
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      // This rule guards React Compiler memoization, which the app does not use; TanStack Table trips it.
      'react-hooks/incompatible-library': 'off',
      ...restrict(
        named([...nodeBuiltins, 'electron', 'dockerode', 'ws'], 'the renderer runs in a browser sandbox: talk to the backend through renderer/api.'),
        group(['**/electron/**', '../electron/*', '../../electron/*'], 'the renderer imports only shared/.'),
      ),
    },
  },
  {
    files: ['scripts/**/*.mjs', '*.mjs'],
    // Benchmarks hand small functions to the browser page, which run with DOM globals.
    languageOptions: { globals: { document: 'readonly', performance: 'readonly', process: 'readonly', console: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly', Buffer: 'readonly', URL: 'readonly', fetch: 'readonly', setInterval: 'readonly', clearInterval: 'readonly' } },
  },
);
