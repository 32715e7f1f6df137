"""What the exporter runs: the dlnotes project it was installed from, and a Node.js to run it with.

Trusted are only what the user configured and what was recorded when this package was installed (setup.py writes
``_install.json`` next to this module: the checkout ``pip install ./export/jupyter`` ran in, and the ``node`` on
that shell's PATH). Nothing is looked up near the notebook being exported: a notebook's folder may come from a zip
or a shared directory, and a ``package.json`` or ``scripts/`` planted there must never run. Each lookup either
succeeds or raises ONE error saying what was tried and what to set (nbconvert and JupyterLab show the message).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from pathlib import Path

PROJECT_NAME = "dlnotes"
RECORD = Path(__file__).with_name("_install.json")
MIN_NODE_MAJOR = 20
CONFIG_HINT = "jupyter_server_config.py (or jupyter_nbconvert_config.py)"
REINSTALL_HINT = "run `npm run setup` in the dlnotes checkout (it runs `pip install ./export/jupyter`)"


class DlnotesExportError(RuntimeError):
    """A course-notes export that cannot run or failed; the message says why and what to do."""


def is_project(folder: Path) -> bool:
    """True when ``folder`` holds a package.json whose name is "dlnotes"."""
    try:
        return json.loads((folder / "package.json").read_text("utf-8")).get("name") == PROJECT_NAME
    except (OSError, ValueError, AttributeError):
        return False


def install_record() -> dict:
    """What the install recorded: ``{"project": str | None, "node": str | None}`` (empty when there is no record)."""
    try:
        record = json.loads(RECORD.read_text("utf-8"))
    except (OSError, ValueError):
        return {}
    return record if isinstance(record, dict) else {}


def find_project(configured: str, entry: Path) -> Path:
    """The dlnotes checkout whose Node export makes the page.

    ``configured`` (``c.DlnotesExporter.project_dir``) wins; otherwise the checkout recorded at install time.
    ``entry`` (relative to the project) is the Node script that must be there.
    """
    if configured:
        folder = Path(configured).expanduser()
        source = f"c.DlnotesExporter.project_dir = {configured}"
    else:
        recorded = install_record().get("project")
        if not recorded:
            raise DlnotesExportError(
                f"the dlnotes exporter does not know its project: no checkout was recorded when it was installed "
                f"({RECORD}); {REINSTALL_HINT}, or set c.DlnotesExporter.project_dir in {CONFIG_HINT}"
            )
        folder = Path(recorded)
        source = f"the dlnotes checkout recorded when the exporter was installed ({recorded})"
    if not folder.is_dir():
        raise DlnotesExportError(
            f"{source} does not exist (moved or deleted?); {REINSTALL_HINT} from where the checkout is now, "
            f"or set c.DlnotesExporter.project_dir in {CONFIG_HINT}"
        )
    if not is_project(folder):
        raise DlnotesExportError(f'{source} is not the dlnotes project (no package.json named "dlnotes" there)')
    folder = folder.resolve()
    if not (folder / entry).is_file():
        raise DlnotesExportError(f"the dlnotes project at {folder} has no {entry.as_posix()} (an older checkout? run `git pull`)")
    if not (folder / "node_modules").is_dir():
        raise DlnotesExportError(f"the dlnotes project at {folder} has no node_modules: run `npm run setup` there")
    return folder


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


def find_node(configured: str) -> str:
    """The Node.js (>= 20) that runs the export.

    ``configured`` (``c.DlnotesExporter.node``) wins and must work; otherwise the ``node`` recorded at install time
    if it is still there, then ``node`` on the Jupyter server's PATH.
    """
    if configured:
        found = shutil.which(os.path.expanduser(configured))
        if not found:
            raise DlnotesExportError(f"c.DlnotesExporter.node = {configured} is not an executable; set it to a Node.js >= {MIN_NODE_MAJOR}")
        node = found
    else:
        recorded = install_record().get("node")
        node = recorded if recorded and shutil.which(recorded) else shutil.which("node")
        if not node:
            tried = f"the recorded {recorded} is gone and " if recorded else ""
            raise DlnotesExportError(
                f"Node.js was not found: {tried}there is no `node` on the Jupyter server's PATH; install Node.js >= "
                f"{MIN_NODE_MAJOR} and {REINSTALL_HINT}, or set c.DlnotesExporter.node in {CONFIG_HINT}"
            )
    if node_major(node) < MIN_NODE_MAJOR:
        raise DlnotesExportError(f"Node.js >= {MIN_NODE_MAJOR} is needed; {node} is older (set c.DlnotesExporter.node)")
    return node
