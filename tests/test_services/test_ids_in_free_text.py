"""An ID number typed into a free-text column (监护人身份证号, 备注) is kept, but never shown whole
in the change log or in a message (issue 13, item 7; both backends)."""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path

import pytest
from openpyxl import Workbook
from sqlalchemy import select

from models.domain.errors import DomainError
from models.domain.identity import check_digit, mask_identifier
from models.domain.messages import message
from models.domain.vocabulary import BodyKind, TermStatus
from models.entities import ChangeLog, Membership
from models.services.people.commands import add_person
from models.services.slates.commands import import_slate
from models.services.terms.commands import open_term

from ._support import add_units, draft

HEADERS = ("姓名", "性别", "身份证号", "选举单位", "监护人身份证号", "备注")


def _id(index: int, area: str = "110105") -> str:
    first17 = f"{area}{date(1975, 1, 1) + timedelta(days=index):%Y%m%d}00{1 + index % 2}"
    return first17 + check_digit(first17)


GUARDIAN = _id(40, area="110106")
CERT = _id(41, area="110106") + "42"


def _slate(path: Path) -> Path:
    rows = [
        ("代表甲", "男", _id(0), "大峪街道", GUARDIAN, f"证号{CERT}，监护人电话 13700000000"),
        ("代表乙", "女", _id(1), "大峪街道", None, None),
    ]
    book = Workbook()
    for number, values in enumerate([HEADERS, *rows], start=1):
        for column, value in enumerate(values, start=1):
            if value is not None:
                book.active.cell(row=number, column=column, value=value).data_type = "s"
    book.save(path)
    return path


def _log_text(db) -> str:
    with db.session_factory() as session:
        entries = session.scalars(select(ChangeLog)).all()
        return json.dumps(
            [(e.entity, e.before, e.after, e.note) for e in entries], ensure_ascii=False
        )


def test_an_id_in_an_extra_column_is_kept_but_masked_in_the_change_log(db, tmp_path):
    add_units(db, "大峪街道")
    open_term(db, user="setup", kind=BodyKind.CONGRESS, term=8, status=TermStatus.DRAFT)
    outcome = import_slate(
        db, user="clerk", path=_slate(tmp_path / "slate.xlsx"), kind=BodyKind.CONGRESS, term=8
    )
    assert outcome.imported == 2, outcome.errors
    with db.session_factory() as session:
        remarks = [m.remarks for m in session.scalars(select(Membership)) if m.remarks]
    # Stored as typed: nothing a nominating unit wrote is lost.
    assert remarks == [{"监护人身份证号": GUARDIAN, "备注": f"证号{CERT}，监护人电话 13700000000"}]
    logged = _log_text(db)
    assert "membership" in logged
    for whole in (GUARDIAN, CERT, _id(0), _id(1)):
        assert whole not in logged, whole
    assert mask_identifier(GUARDIAN) in logged and mask_identifier(CERT) in logged
    assert "13700000000" in logged  # only ID-shaped values are masked


def test_a_note_written_to_the_log_is_masked_too(db):
    with db.unit_of_work("clerk") as uow:
        uow.log(action="reveal", entity="person", entity_id=1, note=f"核对 {GUARDIAN}",
                after={"seen": [GUARDIAN]})  # fmt: skip
        uow.commit()
    logged = _log_text(db)
    assert GUARDIAN not in logged and logged.count(mask_identifier(GUARDIAN)) == 2


def test_the_registered_holder_message_shows_the_id_masked(db):
    add_person(db, user="clerk", draft=draft(name="张三", id_number=_id(7)))
    with pytest.raises(DomainError) as caught:
        add_person(db, user="clerk", draft=draft(name="张叁", id_number=_id(7)))
    assert caught.value.code == "dup_id"
    text = message(caught.value.code, caught.value.params)
    assert _id(7) not in text
    assert text == f"身份证号 {mask_identifier(_id(7))} 已登记在“张三”名下，同一人请勿重复登记。"
