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
  if (typeof Office !== 'undefined' && Office.context?.ui?.messageParent) Office.context.ui.messageParent('close');
  else window.close();
});

export {};
