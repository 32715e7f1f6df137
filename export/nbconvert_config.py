# nbconvert configuration for the dlnotes course notes (used by scripts/export.mjs with --config).
# Plotly's JSON output comes first so the template renders it as an interactive plot; the text/html part of a
# dlnotes figure (a static summary plus a loader script meant for notebook front ends) is then never used.
c = get_config()  # noqa: F821 (provided by traitlets when the file is loaded)
c.NbConvertBase.display_data_priority = [
    "application/vnd.plotly.v1+json",
    "image/svg+xml",
    "image/png",
    "image/jpeg",
    "text/html",
    "text/markdown",
    "text/latex",
    "application/javascript",
    "text/plain",
]
