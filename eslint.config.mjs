import officeAddins from 'eslint-plugin-office-addins';
import tseslint from 'typescript-eslint';

const officeRules = officeAddins.configs.recommended.at(-1);

export default [
  { ignores: ['node_modules/', 'dist/', 'lib/', 'coverage/', 'test-output/'] },
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
