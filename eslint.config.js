// Lint rules: typescript-eslint recommended, plus the house rules that a linter can check.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'node_modules/**',
      '.venv/**',
      'coverage/**',
      'test/fixtures/**',
      'src/manifests/generated/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-restricted-syntax': [
        'error',
        {
          selector: "MemberExpression[object.name='process'][property.name='exit']",
          message: 'Only src/cli may call process.exit (house rule 8).',
        },
      ],
    },
  },
  {
    // Plain Node scripts (no TypeScript to know the globals).
    files: ['scripts/**/*.mjs'],
    languageOptions: { globals: { process: 'readonly', URL: 'readonly', Buffer: 'readonly' } },
  },
  {
    files: ['src/cli/**', 'scripts/**', 'bench/**', 'test/**'],
    rules: { 'no-restricted-syntax': 'off' },
  },
  {
    // Only src/aws talks to the SDK (house rule: narrow ports); model may name SDK types.
    files: ['src/**'],
    ignores: ['src/aws/**', 'src/model/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['@aws-sdk/*'],
              message: 'Only src/aws imports the AWS SDK; use the ports in src/model/ports.ts.',
            },
          ],
        },
      ],
    },
  },
);
