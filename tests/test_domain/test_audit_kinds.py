"""The 操作记录's words: stored table and action names as a clerk reads and types them."""

from __future__ import annotations

from models.domain.audit_kinds import (
    action_label,
    entity_label,
    field_label,
    kind_of,
)


def test_the_brief_vocabulary() -> None:
    assert [entity_label(t) for t in ("person", "membership", "motion", "motion_reply")] == [
        "人员",
        "任职",
        "提案",
        "答复",
    ]
    assert [entity_label(t) for t in ("meeting", "major_decision", "app_user", "setting")] == [
        "会议",
        "三重一大",
        "账户",
        "设置",
    ]
    assert action_label("sign_in_failed") == "登录失败"
    assert field_label("id_number") == "身份证号"


def test_unknown_names_show_as_stored() -> None:
    assert entity_label("new_table") == "new_table"
    assert action_label("frobnicate") == "frobnicate"
    assert field_label("odd_column") == "odd_column"


def test_a_kind_typed_in_chinese_or_as_stored() -> None:
    assert kind_of("人员") == "person"
    assert kind_of(" 登录 ") == "sign_in"
    assert kind_of("person") == "person"
    assert kind_of("whatever") == "whatever"
