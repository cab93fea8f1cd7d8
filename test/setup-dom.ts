import '@testing-library/jest-dom';

// jsdom lacks ResizeObserver, which Fluent's MessageBar uses to reflow; browsers have it.
if (typeof window !== 'undefined' && !('ResizeObserver' in window)) {
  (window as unknown as { ResizeObserver: unknown }).ResizeObserver = class {
    observe() {}
    unobserve() {}
    disconnect() {}
  };
}
