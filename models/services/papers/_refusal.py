"""The printing services' refusal of a request, in words. A module of its own so that the
writing (`_writing`, `_pool`, `writers`) imports no database: `print replies` starts its
first writer before the data layer is imported."""

from __future__ import annotations

from models.domain.errors import DomainError


def bad_arguments(detail: str) -> DomainError:
    return DomainError("bad_arguments", detail=detail)
