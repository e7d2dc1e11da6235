import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import jsxA11y from 'eslint-plugin-jsx-a11y';
import globals from 'globals';

/** Import boundaries (design.md §2): who may import whom. */
const restrict = (...patterns) => ['error', { patterns }];
const DAILY_RUNTIME = {
  group: ['@daily-co/daily-js'],
  message: 'Only src/daily/ touches the daily-js runtime.',
  allowTypeImports: true,
};
const SANDBOX = {
  regex: '(^|/)sandbox(/|$)',
  message: 'The sandbox is reached through src/daily/.',
};

export default tseslint.config(
  {
    ignores: [
      'dist',
      'dist-server',
      'node_modules',
      'test-results',
      'playwright-report',
      'bench-results',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks, 'jsx-a11y': jsxA11y },
    rules: {
      ...reactHooks.configs.recommended.rules,
      ...jsxA11y.configs.strict.rules,
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      // Informational only (we do not run the React Compiler); TanStack Virtual is fine here.
      'react-hooks/incompatible-library': 'off',
      // Scrollable regions must be keyboard-focusable (axe: scrollable-region-focusable).
      'jsx-a11y/no-noninteractive-tabindex': ['error', { roles: ['region'] }],
    },
  },
  {
    files: ['src/domain/**/*.ts'],
    rules: {
      'no-restricted-imports': restrict(
        { group: ['react', 'react-dom', 'react/*'], message: 'domain/ is framework-free.' },
        {
          group: ['@daily-co/daily-js', '@daily-co/daily-react'],
          message: 'domain/ may only use daily-js types (import type).',
          allowTypeImports: true,
        },
        { group: ['../*', '!../domain'], message: 'domain/ imports nothing from the app.' },
      ),
    },
  },
  {
    files: ['src/features/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': restrict(
        DAILY_RUNTIME,
        {
          // ../other-feature/some-file: reach other features only through their index.ts
          regex: '^\\.\\./(?!\\.\\.)[^/]+/.+$',
          message: "Features share through a feature's index.ts, domain/ or ui/.",
        },
        SANDBOX,
      ),
    },
  },
  {
    files: ['src/app/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': restrict(
        DAILY_RUNTIME,
        {
          regex: 'features/[^/]+/.+$',
          message: "The app composes features through each feature's index.ts.",
        },
        SANDBOX,
      ),
    },
  },
  {
    files: ['src/ui/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': restrict(DAILY_RUNTIME, SANDBOX, {
        regex: '(^|/)(features|app)(/|$)',
        message: 'ui/ primitives know nothing of features or the app.',
      }),
    },
  },
  {
    files: ['e2e/**/*.{ts,mjs}', 'scripts/**/*.mjs', '*.config.{ts,js}'],
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
  },
);
