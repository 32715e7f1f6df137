/**
 * The cells' code editor (runner-editor.js, loaded lazily by the page script): CodeMirror 6, as JupyterLab 4
 * uses, with TypeScript highlighting, Enter with indentation, undo/redo, bracket matching, Shift+Enter to run,
 * completions (Tab after a word, or Ctrl+Space) and hover types from the worker's TypeScript service.
 * Leaving the editor with the keyboard: Escape, then Tab (CodeMirror's tab-focus mode; Tab alone indents).
 */
import { EditorView, keymap, hoverTooltip, drawSelection, highlightSpecialChars } from "@codemirror/view";
import { EditorState, Prec } from "@codemirror/state";
import { defaultKeymap, history, historyKeymap, indentMore, indentLess } from "@codemirror/commands";
import {
  bracketMatching,
  indentOnInput,
  syntaxHighlighting,
  defaultHighlightStyle,
  indentUnit,
} from "@codemirror/language";
import {
  autocompletion,
  completionKeymap,
  startCompletion,
  completionStatus,
  type Completion,
  type CompletionContext,
  type CompletionResult,
} from "@codemirror/autocomplete";
import { javascript } from "@codemirror/lang-javascript";
import type { CellEditor, CellEditorHost, EditorModule } from "./api";

/** TypeScript's element kinds → CodeMirror's completion types (which pick the icon). */
const KIND_TO_TYPE: { [kind: string]: string } = {
  function: "function",
  "local function": "function",
  method: "method",
  const: "constant",
  let: "variable",
  var: "variable",
  "local var": "variable",
  parameter: "variable",
  property: "property",
  getter: "property",
  setter: "property",
  class: "class",
  interface: "interface",
  type: "type",
  enum: "enum",
  "enum member": "enum",
  module: "namespace",
  alias: "variable",
  keyword: "keyword",
};

const theme = EditorView.theme({
  "&": { fontSize: "13px", backgroundColor: "transparent" },
  ".cm-content": {
    fontFamily: "var(--jp-code-font-family, ui-monospace, SFMono-Regular, Menlo, Consolas, monospace)",
    padding: "4px 0",
  },
  "&.cm-focused": { outline: "2px solid #90caf9" },
  ".cm-tooltip-hover": {
    maxWidth: "640px",
    padding: "4px 8px",
    font: "12px/1.4 ui-monospace, monospace",
    whiteSpace: "pre-wrap",
  },
  ".cm-tooltip-hover .dlnotes-hover-docs": { font: "12px/1.4 system-ui, sans-serif", marginTop: "4px", color: "#333" },
});

/** Tab: completions after a word or a dot, else indent (Shift+Tab dedents). Escape then Tab leaves the editor. */
function tabCommand(view: EditorView): boolean {
  const { from, empty } = view.state.selection.main;
  const before = view.state.sliceDoc(Math.max(0, from - 1), from);
  if (empty && /[\w$.]/.test(before) && completionStatus(view.state) === null) return startCompletion(view);
  return indentMore(view);
}

/** The part of a signature after the name (`(shape: S): NDArray<S>`, `: number`), short enough for the list. */
function shortDetail(name: string, detail: string | undefined): string | undefined {
  if (!detail) return undefined;
  const at = detail.indexOf(name);
  const rest = (at >= 0 ? detail.slice(at + name.length) : detail).replace(/\s+/g, " ");
  return rest.length > 60 ? `${rest.slice(0, 59)}…` : rest;
}

function createEditor(pre: HTMLElement, code: string, label: string, host: CellEditorHost): CellEditor {
  const source = async (context: CompletionContext): Promise<CompletionResult | null> => {
    const code = context.state.doc.toString();
    const result = await host.complete(code, context.pos);
    if (!result || context.aborted) return null;
    const options: Completion[] = result.items.map((item, i) => ({
      label: item.name,
      type: KIND_TO_TYPE[item.kind] ?? "text",
      detail: shortDetail(item.name, item.detail),
      info: item.detail ? [item.detail, item.doc].filter((s) => s).join("\n\n") : undefined,
      boost: -i / 1000,
    }));
    return { from: result.from, to: result.to, options, validFor: /^[\w$]*$/ };
  };
  const hover = hoverTooltip(async (view, pos) => {
    const info = await host.inspect(view.state.doc.toString(), pos);
    if (!info || !info.text) return null;
    return {
      pos: info.from,
      end: info.to,
      above: true,
      create: () => {
        const dom = document.createElement("div");
        dom.className = "dlnotes-hover";
        dom.textContent = info.text;
        if (info.docs) {
          const docs = document.createElement("div");
          docs.className = "dlnotes-hover-docs";
          docs.textContent = info.docs;
          dom.appendChild(docs);
        }
        return { dom };
      },
    };
  });
  const view = new EditorView({
    state: EditorState.create({
      doc: code,
      extensions: [
        highlightSpecialChars(),
        history(),
        drawSelection(),
        indentOnInput(),
        indentUnit.of("  "),
        EditorState.tabSize.of(2),
        bracketMatching(),
        syntaxHighlighting(defaultHighlightStyle, { fallback: true }),
        javascript({ typescript: true }),
        autocompletion({ override: [source], activateOnTyping: false, icons: true }),
        hover,
        Prec.highest(
          keymap.of([
            { key: "Shift-Enter", run: () => (host.run(), true) },
            { key: "Tab", run: tabCommand, shift: indentLess },
          ]),
        ),
        keymap.of([...completionKeymap, ...defaultKeymap, ...historyKeymap]),
        theme,
        EditorView.contentAttributes.of({ "aria-label": label }),
        EditorView.updateListener.of((update) => {
          if (update.docChanged) host.changed(update.state.doc.toString());
        }),
      ],
    }),
  });
  view.dom.classList.add("dlnotes-editor");
  pre.replaceWith(view.dom);
  return {
    get code() {
      return view.state.doc.toString();
    },
    setCode(next: string) {
      view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: next } });
    },
    focus() {
      view.focus();
    },
  };
}

const editorModule: EditorModule = { create: createEditor };
window.__dlnotesEditor = editorModule;
