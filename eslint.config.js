import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import jsxA11y from 'eslint-plugin-jsx-a11y';
import globals from 'globals';

/** Import boundaries (design.md §2): who may import whom. */
const restrict = (...patterns) => ['error', { patterns }];

export default tseslint.config(
  { ignores: ['dist', 'node_modules', 'test-results', 'playwright-report', 'bench-results'] },
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
    files: ['src/features/**/*.{ts,tsx}', 'src/app/**/*.{ts,tsx}', 'src/ui/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': restrict(
        {
          group: ['@daily-co/daily-js'],
          message: 'Only src/daily/ touches the daily-js runtime.',
          allowTypeImports: true,
        },
        {
          group: ['**/features/*/*', '../*/*', '!../*/index', '!./*'],
          message: "Features share through a feature's index.ts, domain/ or ui/.",
        },
        { group: ['**/sandbox/*'], message: 'The sandbox is reached through src/daily/.' },
      ),
    },
  },
  {
    files: ['e2e/**/*.{ts,mjs}', 'scripts/**/*.mjs', '*.config.{ts,js}'],
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
  },
);
