// AI Lock-in Audit report: links and buttons post messages to the extension; nothing else runs here.
(function () {
  const vscode = acquireVsCodeApi();
  document.addEventListener('click', (event) => {
    const target = event.target instanceof Element ? event.target.closest('a.reveal, button[data-export], button[data-command]') : null;
    if (!target) return;
    event.preventDefault();
    if (target.matches('a.reveal')) {
      const index = Number(target.getAttribute('data-index'));
      if (Number.isInteger(index)) vscode.postMessage({ type: 'reveal', index });
    } else if (target.hasAttribute('data-export')) {
      vscode.postMessage({ type: 'export', format: target.getAttribute('data-export') });
    } else if (target.hasAttribute('data-command')) {
      vscode.postMessage({ type: 'command', command: target.getAttribute('data-command') });
    }
  });
})();
