// ESLint's flat config must be a default export: the one place the project allows one.
import js from '@eslint/js';
import importX from 'eslint-plugin-import-x';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: ['**/node_modules/**', '**/dist/**', '**/out/**', 'release/**', 'coverage/**', 'test-results/**', '.demo-data/**'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx,js,mjs}'],
    plugins: { 'import-x': importX },
    languageOptions: {
      ecmaVersion: 2023,
      sourceType: 'module',
      globals: { ...globals.node },
    },
    rules: {
      'import-x/no-default-export': 'error',
      'import-x/first': 'error',
      'import-x/no-duplicates': 'error',
      'import-x/order': [
        'error',
        {
          groups: ['builtin', 'external', 'internal', ['parent', 'sibling', 'index']],
          'newlines-between': 'always',
          alphabetize: { order: 'asc', caseInsensitive: true },
        },
      ],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      eqeqeq: ['error', 'always', { null: 'ignore' }],
      'no-console': 'off',
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}', 'server/console/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    // Tray app: IPC goes through the typed contract wrappers only (main/ipc, main/preload).
    files: ['**/*.{ts,tsx,js,mjs}'],
    ignores: ['main/ipc/**', 'main/preload/**', 'test/main/**', 'test/e2e/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: 'electron',
              importNames: ['ipcMain', 'ipcRenderer'],
              message: 'Use the typed IPC wrappers in main/ipc (main) or window.deskside (renderer).',
            },
          ],
        },
      ],
      'no-restricted-syntax': [
        'error',
        {
          selector: "MemberExpression[property.name=/^ipc(Main|Renderer)$/]",
          message: 'Use the typed IPC wrappers in main/ipc (main) or window.deskside (renderer).',
        },
        {
          selector: "CallExpression[callee.property.name='send'][callee.object.property.name='webContents']",
          message: 'Push events through the EventSink in main/ipc/event-sink.ts.',
        },
        {
          selector: "CallExpression[callee.property.name='send'][callee.object.name=/[cC]ontents$/]",
          message: 'Push events through the EventSink in main/ipc/event-sink.ts.',
        },
      ],
    },
  },
  {
    // Tools that load their config by default export.
    files: ['*.config.{ts,js,mjs}', '**/vite.config.{ts,js}', '**/electron.vite.config.{ts,js}', 'server/console/vite.config.ts'],
    rules: { 'import-x/no-default-export': 'off' },
  },
);
