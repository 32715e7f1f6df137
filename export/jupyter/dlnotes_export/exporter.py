"""``DlnotesExporter``: a notebook as the dlnotes course-notes page, in one offline HTML file.

Registered as the nbconvert exporter ``dlnotes`` (pyproject.toml), so ``jupyter nbconvert --to dlnotes`` and
JupyterLab's File > Save and Export Notebook As > Dlnotes (``GET /nbconvert/dlnotes/<path>``) produce the same
page as ``npm run export``: the notebook, as saved, goes through the project's own Node pipeline
(scripts/export-standalone.mjs = scripts/export.mjs with ``--no-execute``, then plotly.js and the CSS inlined).
No second implementation here: this class only finds the project and Node, and runs them.

``sanitize_html``: JupyterLab asks "Sanitize HTML output" only for the ``html`` format, and jupyter_server applies
the answer only when the format is ``html`` (nbconvert/handlers.py); this class is not an HTMLExporter, so neither
that parameter nor ``c.HTMLExporter.sanitize_html`` reaches it, and the page is the same whatever the answer.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

import nbformat
from nbconvert.exporters import Exporter
from traitlets import Int, Unicode, default

from .locate import EXPORT_SCRIPT, DlnotesExportError, find_node, find_project

DEFAULT_KERNEL = "tslab"
# How much of the Node export's own output an error message repeats (the end says what went wrong).
ERROR_TAIL_LINES = 25


class DlnotesExporter(Exporter):
    """The dlnotes course notes: one self-contained HTML page per notebook, made by the project's Node export."""

    # JupyterLab labels its menu entry by the entry-point name ("Dlnotes"); this label is what nbclassic shows.
    export_from_notebook = "Course notes (dlnotes)"
    output_mimetype = "text/html"

    project_dir = Unicode(
        "",
        help="The dlnotes checkout whose Node export makes the page (default: found above the notebook's folder).",
    ).tag(config=True)
    node = Unicode("", help="The Node.js (>= 20) to run the export with (default: `node` on PATH, then the kernel's PATH).").tag(
        config=True
    )
    timeout = Int(600, help="Seconds the Node export may take before it is stopped.").tag(config=True)

    @default("file_extension")
    def _file_extension_default(self):
        return ".html"

    @default("default_preprocessors")
    def _default_preprocessors_default(self):
        # The notebook goes to the Node pipeline exactly as saved; it runs nbconvert with the project's settings.
        return []

    def from_notebook_node(self, nb, resources=None, **kw):
        """Converts ``nb`` (as saved: outputs are kept, nothing is executed) to the course-notes page."""
        nb_copy, resources = super().from_notebook_node(nb, resources, **kw)
        metadata = resources.get("metadata", {})
        kernel = (nb_copy.metadata.get("kernelspec") or {}).get("name") or DEFAULT_KERNEL
        project = find_project(self.project_dir, metadata.get("path") or None, kernel)
        node = find_node(self.node, kernel)
        name = _safe_name(metadata.get("name") or "notebook")
        shown = os.path.join(metadata.get("path") or "", f"{name}.ipynb")  # how error messages name the notebook
        html = self._run_export(node, project, nb_copy, name, shown)
        resources["output_extension"] = ".html"
        return html, resources

    def _run_export(self, node: str, project: Path, nb, name: str, shown: str) -> str:
        env = dict(os.environ)
        # export.mjs runs nbconvert: with the server's own Python unless the user chose one.
        env.setdefault("DLNOTES_PYTHON", sys.executable)
        env["PATH"] = os.pathsep.join([str(Path(node).parent), env.get("PATH", "")])
        with tempfile.TemporaryDirectory(prefix="dlnotes-export-") as work:
            source = Path(work) / f"{name}.ipynb"
            page = Path(work) / f"{name}.html"
            nbformat.write(nb, str(source))
            command = [node, str(project / EXPORT_SCRIPT), str(source), "--out", str(page)]
            self.log.info("dlnotes: %s", " ".join(command))
            try:
                done = subprocess.run(command, cwd=project, env=env, capture_output=True, text=True, timeout=self.timeout)
            except subprocess.TimeoutExpired as error:
                raise DlnotesExportError(f"the dlnotes course-notes export took longer than {self.timeout} s and was stopped") from error
            if done.returncode != 0 or not page.is_file():
                said = (done.stderr + done.stdout).replace(str(source), shown).strip()
                tail = "\n".join(said.splitlines()[-ERROR_TAIL_LINES:])
                raise DlnotesExportError(f"the dlnotes course-notes export failed (exit {done.returncode}):\n{tail}")
            return page.read_text("utf-8")


def _safe_name(name: str) -> str:
    """The notebook's name as a file name in the work folder (no folder separators, never empty or hidden)."""
    cleaned = "".join("_" if c in '/\\\0' else c for c in name).strip().lstrip(".")
    return cleaned or "notebook"
