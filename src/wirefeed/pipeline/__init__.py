"""The build as one arrow: scan the inputs (scan.py), and when the last build does not stand
(build.py) read them (inputs.py), apply the publishing rules on identity (identity.py), record
the history, plan and write the site, publish it (publish.py)."""

from typing import TYPE_CHECKING, Any

from wirefeed.pipeline.result import BuildResult
from wirefeed.pipeline.build import build, build_time
from wirefeed.pipeline.scan import Progress, discover, scan_inputs

if TYPE_CHECKING:
    from wirefeed.pipeline.inputs import read_articles

__all__ = ["BuildResult", "Progress", "build", "build_time", "discover", "read_articles", "scan_inputs"]


def __getattr__(name: str) -> Any:
    # read_articles brings the readers and normalize with it: imported when first asked for,
    # not by every `wirefeed build`, most of which read nothing (pipeline/build.py).
    if name == "read_articles":
        from wirefeed.pipeline.inputs import read_articles as found

        return found
    raise AttributeError(f"module 'wirefeed.pipeline' has no attribute {name!r}")
