"""The README's table of what each role may do is the permission table, word for word, so the
two cannot drift apart (issue 15)."""

from __future__ import annotations

import re
from pathlib import Path

from models.domain.permissions import PERMISSIONS, Permission
from models.domain.roles import ROLE_NAMES, Role

README = Path(__file__).resolve().parents[2] / "README.md"
SECTION = "## 账户与权限"
ALLOWED, OWN_UNIT, IF_RULES, REFUSED = "✓", "本单位", "规则允许时", "—"


def _cell(permission: Permission, role: Role) -> str:
    if role in permission.roles:
        return OWN_UNIT if role is Role.UNIT and permission.unit_scoped else ALLOWED
    if role is Role.LEADER and permission.leader_if_rules:
        return IF_RULES
    return REFUSED


def _expected() -> list[list[str]]:
    return [
        [permission.label, f"`{action}`", *(_cell(permission, role) for role in Role)]
        for action, permission in PERMISSIONS.items()
    ]


def _readme_table() -> tuple[list[str], list[list[str]]]:
    """The header and rows of the first table in the README's 账户与权限 section."""
    text = README.read_text(encoding="utf-8")
    start = text.index(f"\n{SECTION}")
    end = text.find("\n## ", start + 1)
    lines = [line for line in text[start:end].splitlines() if line.startswith("|")]
    cells = [[c.strip() for c in line.strip().strip("|").split("|")] for line in lines]
    header, separator, *rows = cells
    assert all(re.fullmatch(r":?-+:?", c) for c in separator), separator
    return header, rows


def test_the_readme_role_table_is_the_permission_table():
    header, rows = _readme_table()
    assert header == ["操作", "动作", *(ROLE_NAMES[role] for role in Role)]
    assert rows == _expected()


def test_every_role_and_marker_is_explained_beside_the_table():
    text = README.read_text(encoding="utf-8")
    section = text[text.index(f"\n{SECTION}") :]
    for role in Role:
        assert f"{ROLE_NAMES[role]} `{role.value}`" in section
    for marker in (OWN_UNIT, IF_RULES):
        assert f"**{marker}**" in section
