"""The build as one arrow: scan and read the inputs (inputs.py), apply the publishing rules on
identity (identity.py), record the history, plan and write the site, publish it (build.py)."""

from wirefeed.pipeline.result import BuildResult
from wirefeed.pipeline.build import build, build_time
from wirefeed.pipeline.inputs import Progress, discover, read_articles, scan_inputs

__all__ = ["BuildResult", "Progress", "build", "build_time", "discover", "read_articles", "scan_inputs"]
