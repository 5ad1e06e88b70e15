// ESLint flat config: recommended JavaScript and typescript-eslint rules for the whole project, and
// the layering rules of docs/engineering (dependencies point web → modules → (db, search,
// anonymisation)). Import cycles are caught by test/architecture.test.ts (ESLint has no rule for
// them without a resolver plugin).
import js from '@eslint/js'
import tseslint from 'typescript-eslint'
import globals from 'globals'

const NOTHING_IMPORTS_WEB = {
  group: ['**/web/**'],
  message: 'Nothing imports web: dependencies point web → modules → (db, search, anonymisation).',
}

export default tseslint.config(
  { ignores: ['node_modules/', 'data/', 'models/', 'coverage/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['src/modules/**/*.ts', 'src/db/**/*.ts', 'src/search/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [NOTHING_IMPORTS_WEB] }] },
  },
  {
    // The anonymisation library is pure: no database, no web, no app configuration, no I/O.
    files: ['src/anonymisation/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            NOTHING_IMPORTS_WEB,
            {
              group: ['**/modules/**', '**/db/**', '**/search/**', '**/config.ts', '**/composition.ts', '**/cli/**'],
              message: 'src/anonymisation is a pure library: it imports nothing of the app.',
            },
          ],
          paths: [
            'node:fs',
            'node:fs/promises',
            'node:net',
            'node:http',
            'node:https',
            'node:child_process',
            'pg',
            'kysely',
            'fastify',
          ].map((name) => ({ name, message: 'src/anonymisation is a pure library: no I/O, no database, no web.' })),
        },
      ],
    },
  },
)
