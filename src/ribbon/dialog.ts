/**
 * The dialog of the ribbon command: its verdict as text, and a button that closes it. Every
 * text comes in the address from the command (so the dialog loads no text module of its own).
 */

const params = new URLSearchParams(window.location.search);
document.getElementById('title')!.textContent = params.get('t') ?? '';
document.getElementById('message')!.textContent = params.get('m') ?? '';
const close = document.getElementById('close') as HTMLButtonElement;
close.textContent = params.get('c') ?? '';
close.focus();
close.addEventListener('click', () => {
  // The function runtime that opened the dialog ends after five minutes: then nobody answers
  // the message, and the dialog closes itself.
  try {
    if (typeof Office !== 'undefined' && Office.context?.ui?.messageParent) Office.context.ui.messageParent('close');
  } catch {
    // the parent is gone
  }
  setTimeout(() => window.close(), 500);
});

export {};
