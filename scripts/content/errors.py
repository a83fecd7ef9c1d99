"""One error type for bad content, so every check reports `path:line: reason` the same way."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ContentError(Exception):
    """A problem a writer can fix: where it is and what is wrong."""

    path: str
    line: int
    reason: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.reason}"


class ContentErrors(Exception):
    """Several content errors at once, so a writer sees all of them in one build."""

    def __init__(self, errors: list[ContentError]):
        self.errors = list(errors)
        super().__init__("\n".join(str(e) for e in self.errors))
