"""Everything that makes a rebuild fast, and nothing a build needs to be right: switch it off
(`build(..., cache=False)`, `wirefeed build --no-cache`) and every output is byte-identical.

state.py names every file beside the store and holds the tunables; keys.py the keys and
fingerprints; inputs.py the input cache (get / put / save) over blobs.py's blob files;
lastbuild.py the shortcut taken when nothing changed since the last build.
"""

from wirefeed.cache.state import BuildState, CacheTunables

__all__ = ["BuildState", "CacheTunables"]
