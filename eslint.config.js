// ESLint for every TypeScript and JavaScript file of the repository (`npm run lint`, part of `npm test`).
// Formatting is Prettier's job (.prettierrc.json); these rules are about correctness.
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['**/node_modules/', '**/dist/', '**/target/', '**/coverage/', 'test-artifacts/', '.data/', '.cache/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      // Destructuring a field away (`const { secret: _secret, ...rest } = rep`) is how secrets are stripped.
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', ignoreRestSiblings: true }],
      eqeqeq: ['error', 'always'],
      'no-console': 'off',
    },
  },
  {
    files: ['admin-plugin/src/**', 'admin-plugin/host/**'],
    languageOptions: { globals: { ...globals.browser } },
    ...reactHooks.configs.flat.recommended,
  },
  {
    // Test files may use the `any` of parsed JSON answers.
    files: ['**/test/**', 'tests/**', 'scripts/benchmarks/**'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
);
