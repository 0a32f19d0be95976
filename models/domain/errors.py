"""Coded problems and the one exception type the core raises for a user's mistake."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any


class Level(StrEnum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True)
class Problem:
    """A finding about one value: a stable code, its level and what the message needs."""

    code: str
    level: Level = Level.ERROR
    params: Mapping[str, Any] = field(default_factory=dict)


class DomainError(Exception):
    """A user action the rules refuse; `field` names the input the user should fix."""

    def __init__(self, code: str, *, field: str | None = None, **params: Any) -> None:
        super().__init__(code)
        self.code = code
        self.field = field
        self.params = params

    def __repr__(self) -> str:
        return f"DomainError({self.code!r}, field={self.field!r}, params={self.params!r})"
