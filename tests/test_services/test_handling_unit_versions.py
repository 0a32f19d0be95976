"""Handling units carry a version (migration 0013): two clerks changing one unit from the same
loaded list — the second is refused as stale, told who changed it and when; nothing of theirs
is written. Both backends."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from models.domain.errors import DomainError
from models.domain.messages import message
from models.entities import ChangeLog
from models.services.motions.commands.units import (
    add_handling_unit,
    delete_handling_unit,
    move_handling_unit,
    rename_handling_unit,
    set_handling_unit_active,
    set_handling_unit_kind,
)
from models.services.motions.queries import list_handling_unit_rows

from ._support import count


def _row(db, unit_id: int):
    return next(r for r in list_handling_unit_rows(db) if r.id == unit_id)


SECOND_CLERK: dict[str, Callable[..., Any]] = {
    "rename": lambda db, **k: rename_handling_unit(db, name="区残联康复部", **k),
    "kind": lambda db, **k: set_handling_unit_kind(db, kind="external", **k),
    "stop": lambda db, **k: set_handling_unit_active(db, active=False, **k),
    "move": lambda db, **k: move_handling_unit(db, step=-1, **k),
    "delete": lambda db, **k: delete_handling_unit(db, **k),
}


@pytest.mark.parametrize("second", sorted(SECOND_CLERK))
def test_the_second_clerk_is_refused_as_stale(db, second):
    add_handling_unit(db, user="setup", name="版本测试甲")
    unit = add_handling_unit(db, user="setup", name="版本测试乙")
    loaded = _row(db, unit.id)  # both clerks' dialogs show this version
    first = rename_handling_unit(
        db, user="clerk-a", unit_id=unit.id, expected_version=loaded.version, name="版本测试丙"
    )
    assert first.version == loaded.version + 1
    before = count(db, ChangeLog)
    with pytest.raises(DomainError) as refused:
        SECOND_CLERK[second](db, user="clerk-b", unit_id=unit.id, expected_version=loaded.version)
    assert refused.value.code == "stale_record"
    assert refused.value.params["changed_by"] == "clerk-a"
    assert "clerk-a" in message(refused.value.code, refused.value.params)
    assert count(db, ChangeLog) == before
    assert _row(db, unit.id).name == "版本测试丙"


def test_a_fresh_version_is_accepted_for_every_change(db):
    add_handling_unit(db, user="setup", name="版本测试丁")
    unit = add_handling_unit(db, user="setup", name="版本测试戊")
    for name, change in sorted(SECOND_CLERK.items()):
        if name == "delete":
            continue
        change(db, user="clerk-b", unit_id=unit.id, expected_version=_row(db, unit.id).version)
    delete_handling_unit(
        db, user="clerk-b", unit_id=unit.id, expected_version=_row(db, unit.id).version
    )
    assert all(r.id != unit.id for r in list_handling_unit_rows(db))
