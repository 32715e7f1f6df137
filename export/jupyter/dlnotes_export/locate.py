"""Finding what the exporter runs: the dlnotes project (its Node export) and a Node.js to run it with.

The Jupyter server that calls the exporter may have been started from a desktop menu, from another folder, or by
Binder, so neither the working directory nor PATH can be trusted alone. Each lookup tries, in order, what the user
configured, then the places a dlnotes checkout puts things, and otherwise raises one error that says what was
tried and how to fix it (nbconvert and JupyterLab show that message).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from pathlib import Path

PROJECT_NAME = "dlnotes"
EXPORT_SCRIPT = Path("scripts") / "export-standalone.mjs"
MIN_NODE_MAJOR = 20
CONFIG_HINT = "jupyter_server_config.py"


class DlnotesExportError(RuntimeError):
    """A course-notes export that cannot run or failed; the message says why and what to do."""


def is_project(folder: Path) -> bool:
    """True when ``folder`` holds a package.json whose name is "dlnotes"."""
    try:
        return json.loads((folder / "package.json").read_text("utf-8")).get("name") == PROJECT_NAME
    except (OSError, ValueError, AttributeError):
        return False


def _walk_up(start: Path):
    start = start.resolve()
    yield start
    yield from start.parents


def kernel_spec(name: str | None):
    """The kernel spec ``name`` as Jupyter resolves it, or None (unknown kernel, no jupyter_client)."""
    if not name:
        return None
    try:
        from jupyter_client.kernelspec import KernelSpecManager

        return KernelSpecManager().get_kernel_spec(name)
    except Exception:  # a missing or broken spec only means one fewer place to look
        return None


def find_project(configured: str = "", notebook_dir: str | None = None, kernel: str | None = None) -> Path:
    """The dlnotes checkout whose Node export makes the page.

    ``configured`` (``c.DlnotesExporter.project_dir``) wins; otherwise the first folder holding a package.json named
    "dlnotes" at or above the notebook's folder, at or above this module (an install inside the project's .venv),
    or the project recorded in the notebook's kernel spec (``metadata.dlnotes.project``, written by
    scripts/install-kernel.mjs).
    """
    if configured:
        folder = Path(configured).expanduser()
        if not is_project(folder):
            raise DlnotesExportError(
                f'DlnotesExporter.project_dir = {configured} is not the dlnotes project (no package.json named "dlnotes" there)'
            )
        return _checked_project(folder.resolve())
    starts = [Path(notebook_dir)] if notebook_dir else []
    starts.append(Path(__file__).parent)
    for start in starts:
        for folder in _walk_up(start):
            if is_project(folder):
                return _checked_project(folder)
    spec = kernel_spec(kernel)
    recorded = ((spec.metadata or {}).get("dlnotes") or {}).get("project") if spec else None
    if recorded and is_project(Path(recorded)):
        return _checked_project(Path(recorded))
    where = " or ".join(str(s) for s in starts)
    raise DlnotesExportError(
        f'the dlnotes project was not found: no package.json named "dlnotes" in {where} or any folder above, '
        f"nor in the kernel spec of {kernel or 'the notebook'}; save the notebook inside the dlnotes checkout, "
        f"or set c.DlnotesExporter.project_dir in {CONFIG_HINT}"
    )


def _checked_project(folder: Path) -> Path:
    if not (folder / EXPORT_SCRIPT).is_file():
        raise DlnotesExportError(f"the dlnotes project at {folder} has no {EXPORT_SCRIPT.as_posix()} (an older checkout?)")
    if not (folder / "node_modules").is_dir():
        raise DlnotesExportError(f"the dlnotes project at {folder} has no node_modules: run `npm install` (or `npm run setup`) there")
    return folder


def _kernel_path(kernel: str | None) -> str | None:
    """The PATH the kernel spec gives its kernel (``env.PATH``, ``${PATH}`` expanded), or None."""
    spec = kernel_spec(kernel)
    value = (spec.env or {}).get("PATH") if spec else None
    if not value:
        return None
    return value.replace("${PATH}", os.environ.get("PATH", ""))


def node_major(node: str) -> int:
    """The major version of ``node`` (``v20.20.2`` gives 20); raises when it does not run."""
    try:
        out = subprocess.run([node, "--version"], capture_output=True, text=True, timeout=30, check=True).stdout
    except (OSError, subprocess.SubprocessError) as error:
        raise DlnotesExportError(f"{node} does not run as Node.js ({error})") from error
    m = re.match(r"v(\d+)\.", out.strip())
    if not m:
        raise DlnotesExportError(f"{node} --version printed {out.strip()!r}, not a Node.js version")
    return int(m.group(1))


def find_node(configured: str = "", kernel: str | None = None) -> str:
    """The Node.js (>= 20) that runs the export.

    ``configured`` (``c.DlnotesExporter.node``) wins; otherwise ``node`` on the server's PATH, then on the PATH the
    notebook's kernel spec sets (scripts/install-kernel.mjs puts the node that installed tslab there).
    """
    if configured:
        found = shutil.which(os.path.expanduser(configured))
        if not found:
            raise DlnotesExportError(f"DlnotesExporter.node = {configured} is not an executable")
        candidates = [found]
    else:
        candidates = [c for c in (shutil.which("node"), shutil.which("node", path=_kernel_path(kernel) or "")) if c]
    if not candidates:
        raise DlnotesExportError(
            f"Node.js was not found: no `node` on the Jupyter server's PATH nor in the kernel spec of {kernel or 'the notebook'}; "
            f"install Node.js >= {MIN_NODE_MAJOR}, start JupyterLab with `npm run lab`, or set c.DlnotesExporter.node in {CONFIG_HINT}"
        )
    for node in candidates:
        if node_major(node) >= MIN_NODE_MAJOR:
            return node
    raise DlnotesExportError(f"Node.js >= {MIN_NODE_MAJOR} is needed; found only {', '.join(candidates)} (too old)")
