"""The front matter of a Markdown article: a YAML (`---`) or TOML (`+++`) block before the text.

python-frontmatter finds and splits the block; the block is then parsed here, so that an error
names its line in the file and YAML stays safe: the safe loader (no Python objects), no aliases
(an alias bomb expands a few lines into billions of values), and a size limit before parsing.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from frontmatter.default_handlers import BaseHandler, YAMLHandler

from wirefeed.errors import InputError

# Front matter is a few dozen lines of metadata; a block this big is a mistake.
MAX_FRONT_MATTER_BYTES = 64 * 1024
_EXPECTED = "a Markdown article that starts with front matter: a `---` YAML or `+++` TOML block with its title and date"
_TOML_PLACE = re.compile(r"\(at line (\d+), column \d+\)")
_KEY_LINE = re.compile(r"^([A-Za-z_][\w-]*)\s*[:=]")


class TOMLBlock(BaseHandler):
    """The `+++` block Hugo writes (python-frontmatter's own TOML handler needs the `toml` package)."""

    FM_BOUNDARY = re.compile(r"^\+{3,}\s*$", re.MULTILINE)
    START_DELIMITER = END_DELIMITER = "+++"


class _NoAliasLoader(yaml.SafeLoader):  # type: ignore[misc]  # PyYAML ships no type hints
    """yaml.SafeLoader that refuses aliases (`*name`): front matter never needs them."""

    def compose_node(self, parent: Any, index: Any) -> Any:
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()
            raise yaml.composer.ComposerError(None, None, "an alias (*name); front matter is read without them", event.start_mark)
        return super().compose_node(parent, index)


# Dates stay text, read by wirefeed's date rules with the line they are on: PyYAML's own timestamp
# constructor raises ValueError on a well-formed but impossible date (`2020-00-27`).
_NoAliasLoader.yaml_implicit_resolvers = {
    first: [(tag, pattern) for tag, pattern in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


@dataclass(frozen=True, slots=True)
class FrontMatter:
    """The block's keys and values, the line each top-level key is on, and the text after it."""

    values: dict[str, Any]
    key_lines: dict[str, int]
    body: str
    body_line: int

    def where(self, key: str) -> str:
        line = self.key_lines.get(key)
        return f"line {line}" if line is not None else f"front matter {key}"


def split_front_matter(path: Path, text: str) -> FrontMatter:
    """The article's front matter and body; InputError when there is none or it does not parse."""
    text = text.lstrip("\ufeff")
    handler: BaseHandler | None = next((kind for kind in (YAMLHandler(), TOMLBlock()) if kind.detect(text)), None)
    if handler is None:
        raise InputError(path, "line 1", f"no front matter; expected {_EXPECTED}")
    try:
        front, body = handler.split(text)
    except ValueError:
        raise InputError(path, "line 1", f"the front matter block is never closed; expected a closing {handler.END_DELIMITER} line") from None
    if len(front.encode("utf-8")) > MAX_FRONT_MATTER_BYTES:
        raise InputError(path, "line 1", f"front matter of {len(front.encode('utf-8')):,} bytes, over the {MAX_FRONT_MATTER_BYTES:,}-byte limit; expected a few lines of metadata")
    values = _parsed(path, front, toml=isinstance(handler, TOMLBlock))
    # `front` starts with the rest of the opening delimiter's line: its line n is the file's line n + 1.
    key_lines = {match.group(1): number for number, line in enumerate(front.split("\n"), start=1) if (match := _KEY_LINE.match(line))}
    body_line = front.count("\n") + 2
    return FrontMatter(values, key_lines, body, body_line)


def _parsed(path: Path, front: str, *, toml: bool) -> dict[str, Any]:
    try:
        values = tomllib.loads(front) if toml else yaml.load(front, Loader=_NoAliasLoader)  # noqa: S506 - a SafeLoader
    except tomllib.TOMLDecodeError as error:
        place = _TOML_PLACE.search(str(error))
        where = f"line {place.group(1)}" if place else "line 1"
        raise InputError(path, where, f"the TOML front matter does not parse: {_TOML_PLACE.sub('', str(error)).strip()}") from None
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f"line {mark.line + 1}" if mark is not None else "line 1"
        problem = getattr(error, "problem", None) or "not valid YAML"
        raise InputError(path, where, f"the YAML front matter does not parse: {problem}") from None
    except RecursionError:
        raise InputError(path, "line 1", "the front matter is nested too deeply; expected a few lines of metadata") from None
    if values is None:
        return {}
    if not isinstance(values, dict):
        raise InputError(path, "line 2", f"the front matter is a {type(values).__name__}, not a table of keys; expected {_EXPECTED}")
    return values
