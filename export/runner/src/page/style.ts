/** The runner's styles (the page's CSS is trimmed to the classes the export uses, so these come with the script). */
export const RUNNER_CSS = `
.dlnotes-runner-bar { position: sticky; top: 0; z-index: 20; display: flex; flex-wrap: wrap; align-items: center; gap: 8px;
  background: #eef5fc; border-bottom: 1px solid #b9d3ee; padding: 6px 12px; font: 14px system-ui, sans-serif; color: #123; }
.dlnotes-runner-bar button, .dlnotes-run-button, .dlnotes-offer button { font: 13px system-ui, sans-serif; padding: 2px 10px; border: 1px solid #7aa7d6;
  border-radius: 4px; background: #fff; color: #0d47a1; cursor: pointer; }
.dlnotes-runner-bar button:disabled { color: #999; border-color: #ccc; cursor: default; }
.dlnotes-runner-status { color: #456; margin-left: 4px; }
.dlnotes-run-button { display: block; margin: 4px 0 0 auto; padding: 1px 6px; }
.dlnotes-editable { outline: none; white-space: pre-wrap; }
.dlnotes-editable:focus { box-shadow: inset 0 0 0 2px #90caf9; }
.dlnotes-running .jp-InputArea-editor { box-shadow: inset 3px 0 0 #42a5f5; }
.dlnotes-run-area { margin: 2px 0 6px 0; }
.dlnotes-run-area[hidden] { display: none; }
.dlnotes-run-output pre { margin: 2px 0; white-space: pre-wrap; font: 13px/1.35 ui-monospace, monospace; }
.dlnotes-run-error pre, .dlnotes-run-type-error pre, .dlnotes-run-stderr pre { color: #b71c1c; background: #fdecea; padding: 4px 6px; }
.dlnotes-run-note pre { color: #5d4037; background: #fff8e1; padding: 4px 6px; }
.dlnotes-run-drawing { max-width: 100%; }
.dlnotes-offer { background: #fff8e1; border: 1px solid #ffe082; padding: 6px 8px; font: 13px system-ui, sans-serif; }
.dlnotes-offer button { margin: 4px 6px 0 0; }
`;
