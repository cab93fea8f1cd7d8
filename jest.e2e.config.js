/** End-to-end tests in Debian's Chromium against the production build in dist/. */
const base = require('./jest.config.js');

module.exports = {
  ...base,
  testMatch: ['**/test/e2e/**/*.e2e.test.ts'],
  testPathIgnorePatterns: ['/node_modules/'],
  testTimeout: 120000,
  // The browser tests need no LibreOffice.
  globalSetup: undefined,
};
