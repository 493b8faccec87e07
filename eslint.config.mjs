// @ts-check
import js from '@eslint/js'
import globals from 'globals'
import tseslint from 'typescript-eslint'

/**
 * Engine rooms under src/main, in layer order: a room may import only rooms listed before it,
 * and only through their door (`index.ts`). `shell` (the Electron shell) is the only room that
 * may import `electron`.
 */
export const ROOMS = ['kernel', 'store', 'native', 'data', 'strategy', 'backtest', 'agents', 'execution', 'adapters', 'nodes', 'app', 'shell']

/** Rooms whose code must take time from the Clock, so backtests and live runs behave the same. */
const CLOCK_ONLY = ['agents', 'execution', 'strategy'].map((r) => `src/main/${r}/**/*.ts`)

const NODE_BUILTINS = [{ group: ['node:*'], message: 'The renderer and shared code run without Node: no Node built-ins.' }]

/** Patterns that forbid, from a file `depth` folders below src/main/<room>, what that room may not reach. */
function roomRestrictions(room, depth) {
  const up = `(\\.\\./){${depth}}`
  const later = ROOMS.slice(ROOMS.indexOf(room) + 1)
  const others = ROOMS.filter((r) => r !== room)
  const patterns = [
    { regex: `^${up}(${others.join('|')})/.+`, message: 'Import another room only through its door (its index.ts).' },
    { regex: `^${up}\\.\\./(renderer|preload)(/|$)`, message: 'The engine never imports the renderer or the preload.' },
  ]
  if (later.length > 0) {
    patterns.push({ regex: `^${up}(${later.join('|')})(/|$)`, message: `"${room}" sits below these rooms: ${later.join(', ')}. Move the shared piece down.` })
  }
  const paths = room === 'shell' ? [] : [{ name: 'electron', message: 'Only src/main/shell may import electron: the engine runs headless too.' }]
  return { paths, patterns }
}

const roomConfigs = ROOMS.flatMap((room) =>
  [1, 2, 3].map((depth) => ({
    files: [`src/main/${room}/${'*/'.repeat(depth - 1)}*.{ts,tsx}`],
    rules: { 'no-restricted-imports': ['error', roomRestrictions(room, depth)] },
  })),
)

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'native/build/**', 'node_modules/**', 'test-output/**'] },
  js.configs.recommended,
  ...tseslint.configs.strict,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-explicit-any': 'error',
      'no-console': 'error',
    },
  },
  ...roomConfigs,
  {
    files: ['src/main/*.ts'],
    rules: { 'no-restricted-syntax': ['error', { selector: 'Program', message: 'Engine code lives in a room: src/main/<room>/.' }] },
  },
  {
    files: ['src/renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'electron', message: 'The renderer reaches the engine only through src/renderer/bridge.' }],
          patterns: [...NODE_BUILTINS, { regex: '^(\\.\\./)+(main|preload)(/|$)', message: 'The renderer imports only src/renderer and src/shared.' }],
        },
      ],
    },
  },
  {
    files: ['src/renderer/**/*.{ts,tsx}'],
    ignores: ['src/renderer/bridge/**'],
    rules: {
      'no-restricted-globals': ['error', { name: 'WebSocket', message: 'Only src/renderer/bridge talks to the engine.' }],
      'no-restricted-properties': ['error', { object: 'window', property: 'quorum', message: 'Use `quorum` from src/renderer/bridge.' }],
    },
  },
  {
    files: ['src/shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'electron', message: 'Shared code runs everywhere: no electron.' }],
          patterns: [...NODE_BUILTINS, { regex: '^(\\.\\./)+(main|renderer|preload)(/|$)', message: 'src/shared imports nothing outside itself.' }],
        },
      ],
    },
  },
  {
    files: ['src/preload/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ regex: '^\\.\\./(main|renderer)(/|$)', message: 'The preload imports only src/shared and electron.' }] }],
    },
  },
  {
    files: CLOCK_ONLY,
    rules: {
      'no-restricted-globals': [
        'error',
        ...['setTimeout', 'setInterval', 'setImmediate', 'clearTimeout', 'clearInterval', 'performance'].map((name) => ({
          name,
          message: 'Take time from the Clock port: the same code runs in a replay.',
        })),
      ],
      'no-restricted-syntax': [
        'error',
        { selector: "MemberExpression[object.name='Date'][property.name='now']", message: 'Take time from the Clock port, not Date.now().' },
        { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: 'Take time from the Clock port, not new Date().' },
      ],
    },
  },
  {
    files: ['scripts/**/*.mjs', 'bin/**/*.mjs', 'bench/**/*.ts', 'tests/**/*.ts', 'src/main/app/cli.ts'],
    rules: { 'no-console': 'off' },
  },
  {
    // In a test a wrong `!` fails loudly at that line, which is what a test should do.
    files: ['tests/**/*.ts'],
    rules: { '@typescript-eslint/no-non-null-assertion': 'off' },
  },
)
