"""Handling units (承办单位) as clerks edit them: names, kinds, order, stopping, deleting, the log."""

from __future__ import annotations

from datetime import date

import pytest

from models.domain.errors import DomainError
from models.domain.messages import message
from models.services.motions.commands.handling import assign_motion, unit_return
from models.services.motions.commands.units import (
    add_handling_unit,
    deactivate_handling_unit,
    delete_handling_unit,
    move_handling_unit,
    reactivate_handling_unit,
    rename_handling_unit,
    set_handling_unit_kind,
)
from models.services.motions.queries import get_motion, list_handling_unit_rows, list_handling_units

from ._support import last_log_id, log_since
from .test_motions import accepted, assigned, version
from .test_motions_setup import Setup, build_setup


@pytest.fixture
def setup(db) -> Setup:
    return build_setup(db)


def names(db) -> list[str]:
    return [r.name for r in list_handling_unit_rows(db)]


def row_named(db, name: str):
    return next(r for r in list_handling_unit_rows(db) if r.name == name)


def refusal(call, **kwargs) -> DomainError:
    with pytest.raises(DomainError) as err:
        call(**kwargs)
    return err.value


def test_a_new_unit_comes_last_active_unused_and_logged(db, setup):
    before = last_log_id(db)
    row = add_handling_unit(db, user="clerk", name="  区住建委 ", kind="external")
    assert (row.name, row.kind, row.active, row.open_motions, row.motions) == (
        "区住建委",
        "external",
        True,
        0,
        0,
    )
    assert names(db) == ["办公室", "康复部", "区教委", "区住建委"]
    assert list_handling_units(db)[-1] == (row.id, "区住建委")
    (log,) = [e for e in log_since(db, before) if e.entity == "handling_unit"]
    assert (log.action, log.user_login, log.entity_id) == ("insert", "clerk", str(row.id))
    assert log.after["name"] == "区住建委"


@pytest.mark.parametrize("typed", ["康复部", " 康复部 ", "康 复 部", "康复部\u3000"])
def test_a_name_already_taken_is_refused_whatever_the_spacing(db, setup, typed):
    error = refusal(add_handling_unit, db=db, user="clerk", name=typed)
    assert (error.code, error.field, error.params["existing"]) == (
        "handling_unit_name_taken",
        "name",
        "康复部",
    )
    assert "已有承办单位“康复部”" in message(error.code, error.params)
    assert names(db) == ["办公室", "康复部", "区教委"]


def test_latin_names_match_whatever_the_case_and_width(db, setup):
    add_handling_unit(db, user="clerk", name="CDPF 联络处")
    for typed in ("cdpf联络处", "ＣＤＰＦ 联络处"):
        error = refusal(add_handling_unit, db=db, user="clerk", name=typed)
        assert error.code == "handling_unit_name_taken"
        assert error.params["existing"] == "CDPF 联络处"


def test_blank_and_too_long_names_are_refused_in_chinese(db, setup):
    blank = refusal(add_handling_unit, db=db, user="clerk", name=" \u3000 ")
    assert (blank.code, blank.field) == ("handling_unit_name_blank", "name")
    assert message(blank.code, blank.params) == "请填写承办单位名称。"
    long = refusal(add_handling_unit, db=db, user="clerk", name="局" * 101)
    assert (long.code, long.field, long.params["limit"]) == ("text_too_long", "name", 100)
    assert "承办单位名称过长" in message(long.code, long.params)
    assert add_handling_unit(db, user="clerk", name="局" * 100).name == "局" * 100


def test_a_kind_other_than_internal_or_external_is_refused(db, setup):
    error = refusal(add_handling_unit, db=db, user="clerk", name="新部门", kind="部门")
    assert (error.code, error.field) == ("handling_unit_kind_invalid", "kind")
    unit_id = setup.units["区教委"]
    error = refusal(set_handling_unit_kind, db=db, user="clerk", unit_id=unit_id, kind="x")
    assert error.code == "handling_unit_kind_invalid"
    assert set_handling_unit_kind(db, user="clerk", unit_id=unit_id, kind="internal").kind == (
        "internal"
    )


def test_a_renamed_unit_shows_its_new_name_on_its_motions_and_in_the_log(db, setup):
    motion_id = assigned(db, setup)
    unit_id = setup.units["康复部"]
    before = last_log_id(db)
    row = rename_handling_unit(db, user="clerk2", unit_id=unit_id, name="康复与残疾预防部")
    assert (row.id, row.name, row.open_motions, row.motions) == (unit_id, "康复与残疾预防部", 1, 1)
    assert get_motion(db, motion_id).assignments[0][0] == "康复与残疾预防部"
    (log,) = [e for e in log_since(db, before) if e.entity == "handling_unit"]
    assert (log.action, log.user_login) == ("update", "clerk2")
    assert (log.before, log.after) == ({"name": "康复部"}, {"name": "康复与残疾预防部"})


def test_renaming_checks_the_other_units_only(db, setup):
    unit_id = setup.units["区教委"]
    # Its own name in another spelling is no clash.
    assert rename_handling_unit(db, user="clerk", unit_id=unit_id, name="区 教委").name == "区 教委"
    error = refusal(rename_handling_unit, db=db, user="clerk", unit_id=unit_id, name="办公室")
    assert (error.code, error.params["existing"]) == ("handling_unit_name_taken", "办公室")
    error = refusal(rename_handling_unit, db=db, user="clerk", unit_id=unit_id, name="")
    assert error.code == "handling_unit_name_blank"
    assert "区 教委" in names(db)


def test_a_deactivated_unit_keeps_its_motions_but_is_no_longer_offered(db, setup):
    motion_id = assigned(db, setup)
    unit_id = setup.units["康复部"]
    row = deactivate_handling_unit(db, user="clerk", unit_id=unit_id)
    assert (row.active, row.open_motions) == (False, 1)
    assert unit_id not in [u for u, _name in list_handling_units(db)]
    assert "康复部" in names(db)  # still edited in the list of all units
    assert get_motion(db, motion_id).row.lead_unit == "康复部"
    # A new unit may not take the stopped unit's name: the clerk is told to restart it instead.
    error = refusal(add_handling_unit, db=db, user="clerk", name="康复部")
    assert error.code == "handling_unit_name_inactive"
    assert "请启用该单位" in message(error.code, error.params)

    # A form opened before the stop cannot still assign the stopped unit.
    other = accepted(db, setup, "关于完善残疾人康复服务的提案")
    error = refusal(
        assign_motion,
        db=db,
        user="clerk",
        motion_id=other,
        expected_version=version(db, other),
        units=[(unit_id, "主办")],
        assigned_on=date(2026, 1, 5),
    )
    assert error.code == "handling_unit_stopped"
    assert get_motion(db, other).row.state.value == "accepted"

    assert reactivate_handling_unit(db, user="clerk", unit_id=unit_id).active is True
    assert [name for _u, name in list_handling_units(db)] == ["办公室", "康复部", "区教委"]


def test_counts_tell_open_motions_from_every_motion_ever_assigned(db, setup):
    assigned(db, setup, "甲")
    returned = assigned(db, setup, "乙")
    unit_return(
        db,
        user="clerk",
        motion_id=returned,
        expected_version=version(db, returned),
        reason="不属于本单位职责",
        returned_on=date(2026, 1, 9),
    )
    assign_motion(
        db,
        user="clerk",
        motion_id=returned,
        expected_version=version(db, returned),
        units=[(setup.units["办公室"], "主办")],
        assigned_on=date(2026, 1, 12),
    )
    counts = {r.name: (r.open_motions, r.motions) for r in list_handling_unit_rows(db)}
    assert counts == {"办公室": (1, 1), "康复部": (1, 2), "区教委": (1, 2)}


def test_units_move_up_and_down_and_stay_put_at_either_end(db, setup):
    office, rehab, education = (setup.units[n] for n in ("办公室", "康复部", "区教委"))
    rows = move_handling_unit(db, user="clerk", unit_id=education, step=-1)
    assert [r.name for r in rows] == ["办公室", "区教委", "康复部"]
    assert [r.sort_order for r in rows] == [1, 2, 3]
    move_handling_unit(db, user="clerk", unit_id=office, step=-1)
    assert names(db) == ["办公室", "区教委", "康复部"]
    move_handling_unit(db, user="clerk", unit_id=office, step=1)
    move_handling_unit(db, user="clerk", unit_id=rehab, step=1)
    assert names(db) == ["区教委", "办公室", "康复部"]
    assert [name for _u, name in list_handling_units(db)] == ["区教委", "办公室", "康复部"]


def test_a_unit_never_assigned_is_deleted_and_logged(db, setup):
    unit_id = setup.units["办公室"]
    before = last_log_id(db)
    delete_handling_unit(db, user="clerk", unit_id=unit_id)
    assert names(db) == ["康复部", "区教委"]
    (log,) = [e for e in log_since(db, before) if e.entity == "handling_unit"]
    assert (log.action, log.before["name"], log.after) == ("delete", "办公室", None)
    error = refusal(delete_handling_unit, db=db, user="clerk", unit_id=unit_id)
    assert error.code == "handling_unit_not_found"


def test_a_unit_ever_assigned_can_only_be_deactivated(db, setup):
    motion_id = assigned(db, setup)
    unit_return(
        db,
        user="clerk",
        motion_id=motion_id,
        expected_version=version(db, motion_id),
        reason="不属于本单位职责",
        returned_on=date(2026, 1, 9),
    )
    # 区教委's only assignment ended with the 退办, and still it may not be deleted.
    unit_id = setup.units["区教委"]
    assert row_named(db, "区教委").open_motions == 0
    error = refusal(delete_handling_unit, db=db, user="clerk", unit_id=unit_id)
    assert error.code == "handling_unit_in_use"
    assert message(error.code, error.params) == "已有提案交办给该单位，只能停用。"
    assert "区教委" in names(db)
