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

const REPOSITORY_FILE = /\.(repository|tables)(\.ts)?$/.source

/** Escape a string for use inside a regular expression. */
const literal = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

/**
 * Routes import no repository: the web layer reaches data only through services, which check access
 * and audit reads first. Types and errors a page needs live in the slice's types file (ADR 0035).
 */
const ROUTES_IMPORT_NO_REPOSITORY = {
  regex: REPOSITORY_FILE,
  message: 'Routes import no repository: call the slice’s service, and take types and errors from its types file.',
}

/**
 * A module imports another module only through its public files (ADR 0035): its services (use cases
 * with access checks) and its types-and-rules files. Another slice's repository (SQL) and tables
 * (storage schema) are private to it. `depth` is how many folders the importing files sit below
 * src/modules/<module>/ (0 for top-level files), so `../` * (depth + 1) leaves the module.
 * `allowed` lists the exact import paths an exception in the config permits, each with its reason.
 */
function otherModulesPrivateFiles(depth, allowed = []) {
  const leave = literal('../'.repeat(depth + 1))
  const except = allowed.map((path) => `(?!${literal(path)}$)`).join('')
  return {
    regex: `^${except}${leave}(?!\\.\\./)[^/]+/.*${REPOSITORY_FILE}`,
    message:
      'A module imports another module only through its public files (its *.service.ts and types files, ADR 0035): not its repository or tables.',
  }
}

/** The restricted-import rule for files of src/modules at a depth, with the exceptions given. */
function moduleBoundaries(depth, allowed = []) {
  return {
    'no-restricted-imports': ['error', { patterns: [NOTHING_IMPORTS_WEB, otherModulesPrivateFiles(depth, allowed)] }],
  }
}

/**
 * Files that still reach into another slice's repository, each with why. Each is named in issue 12
 * (one composition root, routes and services through the policy) and goes when that work lands.
 */
const MODULE_BOUNDARY_EXCEPTIONS = [
  {
    file: 'src/modules/users/user.service.ts',
    allowed: ['../auth/session.repository.ts', '../partnerships/partnership.repository.ts'],
    reason: 'ends a deactivated user’s sessions and checks agencies; auth and partnerships have no service for it yet',
  },
  {
    file: 'src/modules/auth/auth.service.ts',
    allowed: ['../users/user.repository.ts'],
    reason: 'reads credentials the users slice stores; the credentials type moves to users/user.ts with the split',
  },
]

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
    files: ['src/db/**/*.ts', 'src/search/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [NOTHING_IMPORTS_WEB] }] },
  },
  {
    files: ['src/modules/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [NOTHING_IMPORTS_WEB] }] },
  },
  { files: ['src/modules/*/*.ts'], ignores: ['**/*.test.ts'], rules: moduleBoundaries(0) },
  { files: ['src/modules/*/*/*.ts'], ignores: ['**/*.test.ts'], rules: moduleBoundaries(1) },
  { files: ['src/modules/*/*/*/*.ts'], ignores: ['**/*.test.ts'], rules: moduleBoundaries(2) },
  ...MODULE_BOUNDARY_EXCEPTIONS.map(({ file, allowed }) => ({ files: [file], rules: moduleBoundaries(0, allowed) })),
  {
    files: ['src/web/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [ROUTES_IMPORT_NO_REPOSITORY] }] },
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
