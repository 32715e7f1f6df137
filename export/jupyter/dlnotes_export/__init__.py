"""The dlnotes course notes as an nbconvert exporter (``--to dlnotes``, JupyterLab's Export menu)."""

from .exporter import DlnotesExporter
from .locate import DlnotesExportError

__all__ = ["DlnotesExporter", "DlnotesExportError"]
