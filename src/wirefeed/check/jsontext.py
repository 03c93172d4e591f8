"""JSON from bytes, with a failure to parse reported as an InvalidJson finding."""

from __future__ import annotations

import json
from dataclasses import dataclass

from wirefeed.check.finding import Report


@dataclass(frozen=True, slots=True)
class Parsed:
    """JSON that parsed; a wrapper because `null` is valid JSON too."""

    value: object


def parse_json(data: bytes | str, report: Report, line: int | None = None) -> Parsed | None:
    """The parsed JSON, or None after an InvalidJson finding (which names the line)."""
    try:
        text = data.decode("utf-8-sig") if isinstance(data, bytes) else data
        return Parsed(json.loads(text))
    except UnicodeDecodeError as error:
        report.add("InvalidJson", f"not UTF-8: {error.reason} at byte {error.start}", line)
    except json.JSONDecodeError as error:
        report.add("InvalidJson", f"{error.msg} (column {error.colno})", _json_line(line, error.lineno))
    except RecursionError:
        report.add("InvalidJson", "nested too deeply to read", line)
    return None


def _json_line(block_line: int | None, error_line: int) -> int:
    # Inside a page the JSON starts on the <script>'s line; in a file, on line 1.
    return error_line if block_line is None else block_line + error_line - 1
