"""Where the publishing history lives by default (its own module: the config and a rebuild that
finds nothing changed need this path and none of the history's code)."""

from __future__ import annotations

from pathlib import Path

__all__ = ["default_store_path"]


def default_store_path(config_dir: Path) -> Path:
    """Where the store lives by default: next to the site config, so rebuilding output/ keeps it."""
    return config_dir / ".wirefeed" / "store.sqlite"
