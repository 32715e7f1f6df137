"""Records, in the built package, which dlnotes checkout (and which Node.js) the exporter belongs to.

``pip install ./export/jupyter`` (what ``npm run setup`` and environment.yml do) builds the package in place, so this
file sits in the checkout: its grandparent folder is the project. The build writes ``dlnotes_export/_install.json``
with that folder and the ``node`` on the installing shell's PATH. The exporter runs only that project (or the one
set in ``c.DlnotesExporter.project_dir``); it never looks near the notebook being exported.
A build from anywhere else (an sdist unpacked in a temporary folder) records no project, and the exporter then asks
for ``c.DlnotesExporter.project_dir``.
"""

import json
import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

RECORD = "_install.json"
PACKAGE = "dlnotes_export"


def _record() -> dict:
    project = Path(__file__).resolve().parents[2]
    try:
        is_dlnotes = json.loads((project / "package.json").read_text("utf-8")).get("name") == "dlnotes"
    except (OSError, ValueError, AttributeError):
        is_dlnotes = False
    node = shutil.which("node")
    return {"project": str(project) if is_dlnotes else None, "node": str(Path(node).resolve()) if node else None}


class BuildWithRecord(build_py):
    """build_py that also writes the install record next to the package's modules."""

    def run(self):
        super().run()
        # An editable install imports the package from the source folder, so the record goes there (git-ignored).
        target = Path(PACKAGE) if getattr(self, "editable_mode", False) else Path(self.build_lib) / PACKAGE
        target.mkdir(parents=True, exist_ok=True)
        (target / RECORD).write_text(json.dumps(_record(), indent=1) + "\n", "utf-8")


setup(cmdclass={"build_py": BuildWithRecord})
