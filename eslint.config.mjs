import officeAddins from 'eslint-plugin-office-addins';
import tseslint from 'typescript-eslint';

const officeRules = officeAddins.configs.recommended.at(-1);

/** A folder that may not import these modules. */
const layer = (folder, forbidden, message) => [
  {
    files: [`${folder}/*.{ts,tsx}`],
    rules: { 'no-restricted-imports': ['error', { patterns: [{ group: forbidden, message }] }] },
  },
];

// What the layers keep out, in groups.
const NODE = ['node:*', 'fs', 'path', 'zlib'];
const UI = ['react', 'react-dom', 'react/*', '@fluentui/*'];
const OTHER_FILE_LIBRARIES = ['exceljs', 'jszip'];
const folders = (...names) => names.map((n) => `**/${n}/**`);

export default [
  { ignores: ['node_modules/', 'dist/', 'lib/', 'coverage/', 'test-output/', 'scratch/'] },
  ...officeAddins.configs.react,
  {
    // The plugin's TypeScript block leaves .tsx out; give it the same parser and rules.
    files: ['**/*.tsx'],
    plugins: officeRules.plugins,
    languageOptions: officeRules.languageOptions,
    rules: officeRules.rules,
  },
  {
    files: ['**/*.{ts,tsx,mts}'],
    languageOptions: { parser: tseslint.parser, ecmaVersion: 2022, sourceType: 'module' },
    rules: {
      'no-undef': 'off', // the type checker knows the globals better
      'no-redeclare': 'off',
      'react/react-in-jsx-scope': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // Split where a reader would: no function over 120 lines, no file over 500 (issue 22).
    files: ['src/**/*.{ts,tsx}'],
    rules: {
      'max-lines-per-function': ['error', { max: 120, skipBlankLines: true, skipComments: true }],
      'max-lines': ['error', { max: 500 }],
    },
  },
  // The layers (README, "Architecture"): each folder imports only what its layer may.
  ...layer(
    'src/core/**',
    [
      ...NODE,
      ...OTHER_FILE_LIBRARIES,
      'fflate',
      ...UI,
      'office-*',
      ...folders('excel', 'xlsx', 'taskpane', 'cli', 'ribbon', 'addin'),
    ],
    'The core is pure TypeScript: no Node, no file format, no UI, no Office.',
  ),
  ...layer(
    'src/xlsx/**',
    [...NODE, ...OTHER_FILE_LIBRARIES, ...UI, ...folders('excel', 'taskpane', 'cli', 'ribbon', 'addin')],
    'The .xlsx adapter runs in the browser too: no Node, no UI, no Office.',
  ),
  ...layer(
    'src/excel/**',
    [...NODE, ...OTHER_FILE_LIBRARIES, ...UI, ...folders('xlsx', 'taskpane', 'cli', 'ribbon', 'addin')],
    'The Office adapter talks to Excel only.',
  ),
  ...layer(
    'src/cli/**',
    [...UI, ...OTHER_FILE_LIBRARIES, ...folders('excel', 'taskpane', 'ribbon', 'addin')],
    'The command line reads files; it has no UI and no Office.',
  ),
  ...layer(
    'src/addin/**',
    [...NODE, ...OTHER_FILE_LIBRARIES, ...UI, 'office-*', ...folders('excel', 'xlsx', 'taskpane', 'cli', 'ribbon')],
    'What the pane and the ribbon command share talks to the adapter interface only.',
  ),
  ...layer(
    'src/ribbon/**',
    [...NODE, ...OTHER_FILE_LIBRARIES, ...UI, ...folders('xlsx', 'taskpane', 'cli')],
    'The ribbon command shares the pane\'s run through src/addin, not the pane itself.',
  ),
  {
    // The pane talks to the adapter interface; only ExcelApp.tsx makes the Office adapter.
    files: ['src/taskpane/**/*.{ts,tsx}'],
    ignores: ['src/taskpane/ExcelApp.tsx'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: [...NODE, ...OTHER_FILE_LIBRARIES, ...folders('cli', 'ribbon')],
              message: 'The pane runs in a browser.',
            },
            {
              group: ['**/excel/**'],
              message: 'Only ExcelApp.tsx imports src/excel; components use the adapter interface.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['**/*.{js,mjs,cjs}'],
    languageOptions: {
      ecmaVersion: 2022,
      globals: {
        require: 'readonly',
        module: 'writable',
        process: 'readonly',
        __dirname: 'readonly',
        console: 'readonly',
        TextDecoder: 'readonly',
        TextEncoder: 'readonly',
        performance: 'readonly',
      },
    },
  },
];
