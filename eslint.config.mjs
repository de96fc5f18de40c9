import js from '@eslint/js';
import tseslint from 'typescript-eslint';

// The layout's boundaries (see the architecture notes): the folder says what a module may touch.
const VSCODE_VALUE = { name: 'vscode', message: 'Only src/extension.ts imports vscode as a value; receive the namespace (VSCode type) instead.', allowTypeImports: true };
const NO_VSCODE = { name: 'vscode', message: 'This layer never depends on VS Code, not even its types.' };
const layer = (folders) => folders.map((f) => `**/${f}/**`).concat(folders.map((f) => `**/${f}`));
// host/ but host/load-beside.ts, which knows only Node's module loading: every layer may load its lazy parts with it.
const HOST_BUT_LOAD_BESIDE = ['**/host/*', '!**/host/load-beside'];

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', '.cache/', 'test-results/', 'examples/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { console: 'readonly', process: 'readonly', URL: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly', Buffer: 'readonly' } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      'no-console': 'off',
    },
  },
  {
    files: ['src/**/*.ts'],
    ignores: ['src/extension.ts'],
    rules: { '@typescript-eslint/no-restricted-imports': ['error', { paths: [VSCODE_VALUE] }] },
  },
  // The one value import of vscode is a plain require: a namespace import is compiled to a copy
  // of every member of the API object, made at load, on the activation path.
  {
    files: ['src/extension.ts'],
    rules: { '@typescript-eslint/no-require-imports': ['error', { allowAsImport: true }] },
  },
  // The engine's own folder names overlap the extension's (engine/sessions/): its boundary
  // (nothing of the extension but src/shared) is checked on resolved paths by check-imports.mjs.
  {
    files: ['src/engine/**/*.ts'],
    rules: { '@typescript-eslint/no-restricted-imports': ['error', { paths: [NO_VSCODE] }] },
  },
  {
    files: ['src/api/**/*.ts', 'src/shared/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': ['error', { paths: [NO_VSCODE], patterns: [{ group: [...layer(['commands', 'ui', 'run', 'sessions', 'local-engine', 'engine']), ...HOST_BUT_LOAD_BESIDE], message: 'api/ and shared/ are the bottom layers: HTTP and wire types only.' }] }],
    },
  },
  {
    files: ['src/sessions/**/*.ts', 'src/run/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': ['error', { paths: [NO_VSCODE], patterns: [{ group: [...layer(['commands', 'ui', 'local-engine', 'engine']), ...HOST_BUT_LOAD_BESIDE], message: 'sessions/ and run/ hold state and the run path; they never reach up into host, UI or commands.' }] }],
    },
  },
  {
    files: ['src/ui/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': ['error', { paths: [VSCODE_VALUE], patterns: [{ group: [...layer(['commands']), '**/wiring/*command-table'], message: 'Commands sit on top: nothing below imports them (nor the tables of their handlers).' }] }],
    },
  },
  {
    files: ['src/host/**/*.ts', 'src/local-engine/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': ['error', { paths: [VSCODE_VALUE], patterns: [{ group: layer(['commands', 'wiring', 'ui']), message: 'host/ and local-engine/ sit below the UI: they receive ports (host/notices.ts) instead of importing ui/, and never import commands.' }] }],
    },
  },
);
