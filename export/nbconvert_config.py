# nbconvert configuration for the dlnotes course notes (export/pipeline/render.ts loads it with --config).
# Which MIME type of an output a page shows is NOT set here: render.ts passes the project's one ranking
# (OUTPUT_MIME_RANKING in src/core/definitions.ts, without application/javascript and widget views, which a page
# never runs) in the environment variable DLNOTES_MIME_RANKING, a JSON list read below.
import json
import os

c = get_config()  # noqa: F821 (provided by traitlets when the file is loaded)
c.NbConvertBase.display_data_priority = json.loads(os.environ["DLNOTES_MIME_RANKING"])
