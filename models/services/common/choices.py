"""Reading a word of a closed vocabulary that a clerk chose or typed; a wrong word names the choices."""

from __future__ import annotations

from collections.abc import Mapping
from enum import StrEnum
from typing import TypeVar

from models.domain.errors import DomainError

E = TypeVar("E", bound=StrEnum)


def choice(enum: type[E], value: str | None, name: str, labels: Mapping[str, str]) -> E | None:
    """None for a blank value; DomainError value_invalid naming the field and the choices."""
    if value is None or not str(value).strip():
        return None
    try:
        return enum(str(value).strip())
    except ValueError:
        raise DomainError(
            "value_invalid",
            field=name,
            label=labels.get(name, name),
            value=value,
            choices="、".join(m.value for m in enum),
        ) from None
