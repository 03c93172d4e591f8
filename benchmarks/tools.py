"""The tools the speed benchmark (benchmarks/bench.py) times: how to call each, and whether it is here."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

import corpus
from measuring import child_environment


@dataclass(frozen=True, slots=True)
class Wirefeed:
    """How to call this checkout's wirefeed, and which of the options the benchmark uses it has."""

    executable: tuple[str, ...]
    has_store_option: bool  # --store FILE: the publishing history (absent before the store was wired in)
    has_now_option: bool  # --now TIME: a fixed build time, so the clock never changes the output
    has_build_server: bool  # `wirefeed build-server` (from issue 19 on)

    @classmethod
    def detect(cls) -> Wirefeed:
        executable = venv_tool("wirefeed") or (sys.executable, "-m", "wirefeed")
        # Also the warm-up: the modules the command imports are compiled and cached before any timing.
        help_text = subprocess.run([*executable, "build", "--help"], capture_output=True, text=True, check=True, env=child_environment()).stdout
        commands = subprocess.run([*executable, "--help"], capture_output=True, text=True, check=True, env=child_environment()).stdout
        return cls(executable=executable, has_store_option="--store" in help_text, has_now_option="--now" in help_text,
                   has_build_server="build-server" in commands)

    def command(self, input_dir: Path, output_dir: Path, state_dir: Path) -> list[str]:
        command = [*self.executable, "build", str(input_dir), "-o", str(output_dir)]
        if self.has_store_option:
            command += ["--store", str(state_dir / "store.sqlite")]
        if self.has_now_option:
            command += ["--now", corpus.BUILD_TIME]
        return command


def venv_tool(name: str) -> tuple[str, ...] | None:
    script = Path(sys.executable).parent / name
    return (str(script),) if script.is_file() else None


def pelican_command(pelican_dir: Path, output_dir: Path, cache_dir: Path | None = None) -> list[str]:
    executable = venv_tool("pelican") or (sys.executable, "-m", "pelican")
    command = [*executable, str(pelican_dir / "content"), "-s", str(pelican_dir / "pelicanconf.py"), "-o", str(output_dir), "-q"]
    if cache_dir is not None:
        command += ["-e", "CACHE_CONTENT=true", "LOAD_CONTENT_CACHE=true", f"CACHE_PATH={json.dumps(str(cache_dir))}"]
    return command


def pelican_available() -> bool:
    try:
        import pelican  # noqa: F401
    except ImportError:
        return False
    return True


def pelican_version() -> str:
    try:
        return metadata.version("pelican")
    except metadata.PackageNotFoundError:
        return ""


@dataclass(frozen=True, slots=True)
class Hugo:
    """Debian's (or any) `hugo` on the PATH, and its version."""

    executable: str
    version: str

    @classmethod
    def find(cls) -> Hugo | None:
        executable = shutil.which("hugo")
        if executable is None:
            return None
        # Also the warm-up: the binary is read from disk before any timing.
        banner = subprocess.run([executable, "version"], capture_output=True, text=True, check=True).stdout
        match = re.search(r"v(\d+\.\d+\.\d+)", banner)
        return cls(executable=executable, version=match.group(1) if match else banner.strip())

    def command(self, site_dir: Path, output_dir: Path) -> list[str]:
        """A build of the site benchmarks/corpus.py --format hugo wrote (its config and layouts from benchmarks/hugo/)."""
        return [self.executable, "--source", str(site_dir), "--destination", str(output_dir), "--noBuildLock"]
