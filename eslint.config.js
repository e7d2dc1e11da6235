import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import jsxA11y from 'eslint-plugin-jsx-a11y';
import globals from 'globals';

/** Import boundaries (docs/architecture.md draws them): who may import whom. */
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
/** A shared slice is one door: its index.ts (../../shared/leg-data, never …/leg-data/use-leg). */
const SHARED_DOOR = {
  regex: '(^|/)shared/[^/]+/.+$',
  message: 'Reach a shared slice through its index.ts (src/shared/<slice>).',
};
/** The SDK boundary is one door too: src/daily's index.ts. */
const DAILY_DOOR = {
  regex: '(^|/)daily/.+$',
  message: 'Reach src/daily through its index.ts.',
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
    rules: {
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
    },
  },
  {
    // React and its markup live in src/ only: the hook rules (their compiler-based checks are
    // most of ESLint's time) and the accessibility rules have nothing to find in server/,
    // e2e/ or scripts/.
    files: ['src/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks, 'jsx-a11y': jsxA11y },
    rules: {
      ...reactHooks.configs.recommended.rules,
      ...jsxA11y.configs.strict.rules,
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
    // A feature is a leaf: it uses the shared layers (domain, ui, daily, shared) and nothing of
    // another feature, not even its index.ts; the app is what puts features together.
    files: ['src/features/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': restrict(
        DAILY_RUNTIME,
        {
          // ../other-feature or ../other-feature/some-file (inside a feature: ./file)
          regex: '^\\.\\./(?!\\.\\.)',
          message:
            'Features never import each other: move what two features share to src/shared/ (docs/architecture.md).',
        },
        {
          regex: '(^|/)(features|app)(/|$)',
          message: 'Features never import each other or the app.',
        },
        SHARED_DOOR,
        DAILY_DOOR,
        SANDBOX,
      ),
    },
  },
  {
    // Shared slices: what features share (leg data, the action engine, the destination form,
    // account data, the event log's store). They never know features or the app; one slice
    // uses another through its index.ts.
    files: ['src/shared/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': restrict(
        DAILY_RUNTIME,
        {
          regex: '(^|/)(features|app)(/|$)',
          message: 'Shared slices know nothing of features or the app.',
        },
        {
          // ../other-slice/some-file (../other-slice is its index.ts)
          regex: '^\\.\\./(?!\\.\\.)[^/]+/.+$',
          message: 'Reach another shared slice through its index.ts.',
        },
        DAILY_DOOR,
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
        SHARED_DOOR,
        DAILY_DOOR,
        SANDBOX,
      ),
    },
  },
  {
    files: ['src/ui/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': restrict(DAILY_RUNTIME, SANDBOX, {
        regex: '(^|/)(features|app|shared|daily)(/|$)',
        message: 'ui/ primitives know nothing of features, shared slices, the SDK or the app.',
      }),
    },
  },
  {
    files: ['e2e/**/*.{ts,mjs}', 'scripts/**/*.mjs', '*.config.{ts,js}'],
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
  },
  // The sandbox and the server: one door each way (issue 14). src/daily depends on the sandbox,
  // never the reverse; the server reaches src/ only through src/domain and the sandbox's engine.
  {
    files: ['src/sandbox/**/*.ts'],
    rules: {
      'no-restricted-imports': restrict({
        regex: '(^|/)daily(/|$)',
        message: 'src/daily depends on the sandbox, never the reverse (shared types: src/domain).',
      }),
    },
  },
  {
    files: ['server/**/*.ts'],
    ignores: ['server/**/*.test.ts'],
    rules: {
      'no-restricted-imports': restrict({
        regex: '(^|/)src/(?!domain/|sandbox/engine$)',
        message: 'The server imports from src/ only src/domain/ and src/sandbox/engine.',
      }),
    },
  },
);
