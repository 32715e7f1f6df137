/** The runner's styles (the page's CSS is trimmed to the classes the export uses, so these come with the script). */
export const RUNNER_CSS = `
.dlnotes-runner-bar { position: sticky; top: 0; z-index: 20; display: flex; flex-wrap: wrap; align-items: center; gap: 8px;
  background: #eef5fc; border-bottom: 1px solid #b9d3ee; padding: 6px 12px; font: 14px system-ui, sans-serif; color: #123; }
.dlnotes-runner-bar button, .dlnotes-run-button, .dlnotes-offer button { font: 13px system-ui, sans-serif; padding: 2px 10px; border: 1px solid #7aa7d6;
  border-radius: 4px; background: #fff; color: #0d47a1; cursor: pointer; }
.dlnotes-runner-bar button:disabled { color: #999; border-color: #ccc; cursor: default; }
.dlnotes-runner-status { color: #456; margin-left: 4px; }
.dlnotes-runner-intro { flex: 1 1 100%; }
.dlnotes-runner-help { color: #456; font-size: 12px; }
.dlnotes-cell-tools { display: flex; flex-direction: column; align-items: flex-end; gap: 3px; margin-top: 4px; }
.dlnotes-run-button, .dlnotes-reset-code { padding: 1px 6px; }
.dlnotes-reset-code { font: 12px system-ui, sans-serif; border: 1px solid #bbb; border-radius: 4px; background: #fff; color: #5d4037; cursor: pointer; }
.dlnotes-reset-code[hidden], .dlnotes-edited[hidden] { display: none; }
.dlnotes-edit-tools { display: flex; justify-content: flex-end; align-items: center; gap: 8px; padding: 2px 6px; background: #fff8e1; border-top: 1px solid #ffe082; }
.dlnotes-edit-tools[hidden] { display: none; }
.dlnotes-edited { font: 12px system-ui, sans-serif; color: #5d4037; }
.dlnotes-static-code { cursor: text; }
.dlnotes-static-code:focus { outline: 2px solid #90caf9; }
.dlnotes-editor { width: 100%; }
.dlnotes-cell-edited .jp-InputArea-editor { box-shadow: inset 3px 0 0 #ffb74d; }
.dlnotes-running .jp-InputArea-editor { box-shadow: inset 3px 0 0 #42a5f5; }
.dlnotes-run-area { margin: 2px 0 6px 0; }
.dlnotes-run-area[hidden] { display: none; }
.dlnotes-run-output pre { margin: 2px 0; white-space: pre-wrap; font: 13px/1.35 ui-monospace, monospace; }
.dlnotes-run-error pre, .dlnotes-run-type-error pre, .dlnotes-run-stderr pre { color: #b71c1c; background: #fdecea; padding: 4px 6px; }
.dlnotes-run-note pre { color: #5d4037; background: #fff8e1; padding: 4px 6px; }
.dlnotes-run-drawing { max-width: 100%; }
.dlnotes-offer { background: #fff8e1; border: 1px solid #ffe082; padding: 6px 8px; font: 13px system-ui, sans-serif; }
.dlnotes-offer button { margin: 4px 6px 0 0; }
.dlnotes-offer p { margin: 2px 0; }
`;
