"""Windows opened as a signed-in account of one role: which buttons it may press, and why not."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QAbstractButton

from models.domain.permissions import PERMISSIONS
from models.domain.roles import ROLE_NAMES, Role, SignedIn
from models.services.common.context import AppContext
from views.permissions import refusal_of

Gated = QAbstractButton | QAction


def as_role(
    ctx: AppContext,
    role: Role,
    *,
    unit_id: int | None = None,
    unit_name: str | None = None,
    leader_signs: bool = False,
) -> AppContext:
    """The window's context, signed in as a clerk of `role` (the same database)."""
    account = SignedIn(f"{role.value}-clerk", role, f"{ROLE_NAMES[role]}测试", unit_id, unit_name)
    return dataclasses.replace(ctx, account=account, leader_signs=leader_signs)


def reason(role: Role, action: str) -> str:
    """The tooltip a refused button carries: the role and what it may not do, in words."""
    return f"当前账户（{ROLE_NAMES[role]}）无权{PERMISSIONS[action].label}。如需办理，请联系本会的管理员。"


def assert_refused(target: Gated, role: Role, action: str) -> None:
    name = target.text()
    assert not target.isEnabled(), f"{name} is enabled for {role}"
    assert target.toolTip() == reason(role, action), f"{name}: {target.toolTip()!r}"
    assert refusal_of(target) == reason(role, action)
    if isinstance(target, QAction):
        assert target.statusTip() == reason(role, action)
    else:
        assert target.accessibleDescription() == reason(role, action)


def assert_not_refused(targets: Iterable[Gated]) -> None:
    for target in targets:
        assert refusal_of(target) is None, f"{target.text()} refused: {refusal_of(target)}"
        assert "无权" not in target.toolTip(), target.text()
