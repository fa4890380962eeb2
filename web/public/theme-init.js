// Apply the persisted theme before the first paint (a file, not an inline script, so a strict
// Content-Security-Policy `script-src 'self'` allows it).
(function () {
  try {
    var t = localStorage.getItem('aitp-theme');
    if (t !== 'light' && t !== 'dark') t = window.matchMedia && window.matchMedia('(prefers-color-scheme: light)').matches ? 'light' : 'dark';
    if (t === 'dark') document.documentElement.classList.add('dark');
    document.documentElement.style.colorScheme = t;
  } catch (e) {}
})();
