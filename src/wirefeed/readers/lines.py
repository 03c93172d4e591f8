"""A line of a text input with its number, for the readers that read line by line."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class NumberedLine:
    """One line of the file (without its line break) and its 1-based number."""

    number: int
    text: str

    @property
    def where(self) -> str:
        """The place an error names: `line 3`."""
        return f"line {self.number}"
