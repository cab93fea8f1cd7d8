import '@testing-library/jest-dom';

// jsdom lacks ResizeObserver, which Fluent's MessageBar uses to reflow; browsers have it.
if (typeof window !== 'undefined' && !('ResizeObserver' in window)) {
  (window as unknown as { ResizeObserver: unknown }).ResizeObserver = class {
    observe() {}
    unobserve() {}
    disconnect() {}
  };
}

// jsdom leaves out TextEncoder/TextDecoder, which browsers and Node have; the .xlsx reader uses them.
if (typeof globalThis.TextDecoder === 'undefined') {
  const util = require('node:util') as typeof import('node:util');
  Object.assign(globalThis, { TextDecoder: util.TextDecoder, TextEncoder: util.TextEncoder });
}

// findBy… and waitFor wait until what they look for is there, for at most this long: on a busy
// machine a read and a validation can take more than Testing Library's default second, and a
// slow machine must not fail a test that a fast one passes (the wait ends as soon as it holds).
import { configure } from '@testing-library/react';
configure({ asyncUtilTimeout: 30_000 });
