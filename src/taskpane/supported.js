/* global window, document */
/*
 * Runs before the pane's bundle, in ES5 only: Excel 2016 and 2019 (perpetual) show task panes in
 * Internet Explorer 11 or EdgeHTML, which cannot run the bundle (ES2020) and would leave the pane
 * blank. There this says so in Danish instead, as Microsoft recommends for unsupported webviews.
 */
(function () {
  var supported =
    typeof Promise !== 'undefined' &&
    typeof Promise.allSettled === 'function' &&
    typeof Object.fromEntries === 'function' &&
    typeof globalThis !== 'undefined' &&
    typeof Symbol !== 'undefined';
  if (supported) return;
  window.handleplanUnsupported = true;
  function show() {
    var root = document.getElementById('root');
    var box = document.createElement('div');
    box.setAttribute('role', 'alert');
    box.style.margin = '16px';
    box.style.fontFamily = "'Segoe UI', sans-serif";
    var title = document.createElement('h1');
    title.style.fontSize = '16px';
    title.appendChild(document.createTextNode('Denne version af Excel understøttes ikke'));
    var text = document.createElement('p');
    text.appendChild(
      document.createTextNode(
        'Handleplan kræver Excel til Microsoft 365, Excel 2021 eller nyere, Excel på internettet eller Excel til Mac. ' +
          'Du kan også bruge kommandolinjen (handleplan) eller åbne filen i en browser.',
      ),
    );
    box.appendChild(title);
    box.appendChild(text);
    if (root) root.appendChild(box);
    else document.body.appendChild(box);
  }
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', show);
  else show();
})();
