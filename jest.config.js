/** @type {import('jest').Config} */
const swc = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', tsx: true },
      transform: { react: { runtime: 'automatic' } },
      target: 'es2022',
    },
    module: { type: 'commonjs' },
  },
];

module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test', '<rootDir>/src'],
  testMatch: ['**/*.test.ts', '**/*.test.tsx'],
  transform: { '^.+\\.(t|j)sx?$': swc },
  testPathIgnorePatterns: ['/node_modules/', '/test/e2e/'],
  // Generous: a busy machine may be slow; no test measures speed (npm run bench does).
  testTimeout: 120000,
  setupFilesAfterEnv: ['<rootDir>/test/setup-dom.ts'],
  // LibreOffice started once per run, before the tests (its first start is slow on a busy machine).
  globalSetup: '<rootDir>/test/support/globalSetup.ts',
};
