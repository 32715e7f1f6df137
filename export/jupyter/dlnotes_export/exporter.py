"""``DlnotesExporter``: a notebook as the dlnotes course-notes page, in one offline HTML file.

Registered as the nbconvert exporter ``dlnotes`` (pyproject.toml), so ``jupyter nbconvert --to dlnotes`` and
JupyterLab's File > Save and Export Notebook As > Dlnotes (``GET /nbconvert/dlnotes/<path>``) produce the course
notes' page in single-file mode. No second implementation here: this class finds the project it was installed from
and Node (locate.py), decides whether the notebook's outputs are trusted, and runs the project's Node export on a
copy of the notebook in a temporary folder, with the project as working directory. Nothing near the notebook runs.

Sanitizing: ``c.DlnotesExporter.sanitize_html`` (default True). jupyter_server applies the Export menu's
"Sanitize HTML output" answer only to the ``html`` format, so for Dlnotes the setting is the configured one.
The Node export is told ``--trusted-outputs`` only when sanitizing is off AND the notebook's signature checks
(``nbformat.sign.NotebookNotary`` with the server's own data folder and secret, as ``jupyter trust`` signs); the
Node side decides what to keep from that flag alone.
"""

from __future__ import annotations

import copy
import os
import subprocess
import sys
import tempfile
from pathlib import Path

import nbformat
from nbconvert.exporters import Exporter
from nbformat.sign import NotebookNotary
from traitlets import Bool, Int, Unicode, default

from .locate import DlnotesExportError, find_node, find_project

# The project's Node entry point that writes ONE page (the export pipeline's single mode).
NODE_ENTRY = Path("scripts") / "export-page.ts"
TRUSTED_FLAG = "--trusted-outputs"
# How much of the Node export's own output an error message repeats (the end says what went wrong).
ERROR_TAIL_LINES = 25


def node_command(node: str, project: Path, notebook: Path, page: Path, trusted_outputs: bool, entry: Path = NODE_ENTRY) -> list[str]:
    """The command line of the Node export: ``node [--import tsx] <project>/<entry> NOTEBOOK --out PAGE [--trusted-outputs]``."""
    command = [node]
    if entry.suffix == ".ts":
        command += ["--import", "tsx"]  # resolved from the working directory: the project's own tsx
    command += [str(project / entry), str(notebook), "--out", str(page)]
    if trusted_outputs:
        command.append(TRUSTED_FLAG)
    return command


def _running_nbconvert_cli() -> bool:
    """True inside ``jupyter nbconvert``, False inside a Jupyter server.

    Not ``NbConvertApp.initialized()``: a server's app sets ``_instance`` on JupyterApp, which NbConvertApp inherits.
    """
    from nbconvert.nbconvertapp import NbConvertApp

    return isinstance(getattr(NbConvertApp, "_instance", None), NbConvertApp)


class DlnotesExporter(Exporter):
    """The dlnotes course notes: one self-contained HTML page per notebook, made by the installed project's Node export."""

    # JupyterLab labels its menu entry by the entry-point name ("Dlnotes"); this label is what nbclassic shows.
    export_from_notebook = "Course notes (dlnotes)"
    output_mimetype = "text/html"

    project_dir = Unicode(
        "",
        help="The dlnotes checkout whose Node export makes the page (default: the checkout this exporter was installed from).",
    ).tag(config=True)
    node = Unicode(
        "", help="The Node.js (>= 20) to run the export with (default: the node recorded at install, else `node` on PATH)."
    ).tag(config=True)
    sanitize_html = Bool(
        True,
        help="Sanitize the notebook's outputs (Markdown is always sanitized). When False, the outputs of a notebook "
        "whose signature checks (`jupyter trust`) are kept as they are.",
    ).tag(config=True)
    timeout = Int(600, help="Seconds the Node export may take before it is stopped.").tag(config=True)

    @default("file_extension")
    def _file_extension_default(self):
        return ".html"

    @default("default_preprocessors")
    def _default_preprocessors_default(self):
        # The notebook goes to the Node pipeline exactly as saved; nothing is executed or changed here.
        return []

    def from_file(self, file_stream, resources=None, **kw):
        """Reads the notebook; a file that is not a notebook gives one line naming it, not nbformat's traceback."""
        try:
            nb = nbformat.read(file_stream, as_version=4)
        except Exception as error:  # NotJSONError, ValidationError, UnicodeDecodeError, ...
            name = getattr(file_stream, "name", "the notebook")
            reason = str(error).splitlines()[0] if str(error) else type(error).__name__
            return self._fail(DlnotesExportError(f"{name} is not a readable notebook ({reason[:200]}); export a saved .ipynb file"))
        return self.from_notebook_node(nb, resources, **kw)

    def from_notebook_node(self, nb, resources=None, **kw):
        """Converts ``nb`` (as saved: outputs are kept, nothing is executed) to the course-notes page."""
        try:
            nb_copy, resources = super().from_notebook_node(nb, resources, **kw)
            metadata = resources.get("metadata", {})
            project = find_project(self.project_dir, NODE_ENTRY)
            node = find_node(self.node)
            trusted = self.outputs_trusted(nb_copy)
            name = _safe_name(metadata.get("name") or "notebook")
            shown = os.path.join(metadata.get("path") or "", f"{name}.ipynb")  # how error messages name the notebook
            html = self._run_export(node, project, nb_copy, name, shown, trusted)
        except DlnotesExportError as error:
            return self._fail(error)
        resources["output_extension"] = ".html"
        return html, resources

    def outputs_trusted(self, nb) -> bool:
        """True only when sanitizing is off and the notebook's signature checks with this Jupyter's notary."""
        if self.sanitize_html:
            return False
        unmarked = copy.deepcopy(nb)
        # A server marks each code cell `trusted` after its own check; the signature was made without those marks.
        for cell in unmarked.get("cells", []):
            cell.get("metadata", {}).pop("trusted", None)
        with NotebookNotary(config=self.config, log=self.log) as notary:
            return bool(notary.check_signature(unmarked))

    def _fail(self, error: DlnotesExportError):
        """In ``jupyter nbconvert``: the message and exit 1 (no traceback). In a server: raise (HTTP 500 with the message)."""
        if _running_nbconvert_cli():
            self.log.error("%s", error)
            sys.exit(1)
        raise error

    def _run_export(self, node: str, project: Path, nb, name: str, shown: str, trusted: bool) -> str:
        env = dict(os.environ)
        # The Node export runs nbconvert: with the server's own Python unless the user chose one.
        env.setdefault("DLNOTES_PYTHON", sys.executable)
        env["PATH"] = os.pathsep.join([str(Path(node).parent), env.get("PATH", "")])
        with tempfile.TemporaryDirectory(prefix="dlnotes-export-") as work:
            source = Path(work) / f"{name}.ipynb"
            page = Path(work) / f"{name}.html"
            nbformat.write(nb, str(source))
            command = node_command(node, project, source, page, trusted)
            self.log.info("dlnotes: %s", " ".join(command))
            try:
                done = subprocess.run(command, cwd=project, env=env, capture_output=True, text=True, timeout=self.timeout)
            except subprocess.TimeoutExpired as error:
                raise DlnotesExportError(f"the dlnotes course-notes export of {shown} took longer than {self.timeout} s and was stopped") from error
            except OSError as error:
                raise DlnotesExportError(f"the dlnotes course-notes export could not start {node}: {error.strerror}") from error
            if done.returncode != 0 or not page.is_file():
                said = (done.stderr + done.stdout).replace(str(source), shown).strip()
                tail = "\n".join(said.splitlines()[-ERROR_TAIL_LINES:])
                raise DlnotesExportError(f"the dlnotes course-notes export failed (exit {done.returncode}):\n{tail}")
            return page.read_text("utf-8")


def _safe_name(name: str) -> str:
    """The notebook's name as a file name in the work folder (no folder separators, never empty or hidden)."""
    cleaned = "".join("_" if c in '/\\\0' else c for c in name).strip().lstrip(".")
    return cleaned or "notebook"
