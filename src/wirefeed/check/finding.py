"""What a check reports: a Finding, and the Report that the syntax checkers add them to."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from wirefeed.check.rules import SEVERITY

Severity = Literal["error", "warning"]


@dataclass(frozen=True, slots=True)
class Finding:
    """One problem in one file: where, which rule, what is wrong, and how much it matters."""

    path: Path
    line: int | None
    rule: str
    message: str
    severity: Severity

    def __str__(self) -> str:
        # `file:line: severity: rule: message`, the shape compilers print and editors and CI annotate.
        place = f"{self.path}:{self.line}" if self.line is not None else f"{self.path}"
        return f"{place}: {self.severity}: {self.rule}: {self.message}"


@dataclass(slots=True)
class Report:
    """The findings for one file; the severity of each comes from its rule, never the caller."""

    path: Path
    findings: list[Finding] = field(default_factory=list)

    def add(self, rule: str, message: str, line: int | None = None) -> None:
        self.findings.append(Finding(self.path, line, rule, message, SEVERITY[rule]))
