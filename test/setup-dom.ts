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
