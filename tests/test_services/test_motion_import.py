"""Many motions at once (issue 14 item 2): reading, checking, all-or-nothing, --valid-only."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
from openpyxl import Workbook, load_workbook
from sqlalchemy import func, select

from models.domain.errors import DomainError
from models.domain.motion_workflow import MOTION_CATEGORIES, MotionState
from models.domain.vocabulary import BodyKind, TermStatus
from models.entities import Motion, MotionStateChange
from models.importing.motion_reader import MOTION_HEADERS
from models.services.motions.importing import (
    import_motions,
    preview_motions,
    write_template,
)
from models.services.people.commands import add_memberships, add_people
from models.services.people.contracts import MembershipDraft, PersonDraft
from models.services.terms.commands import open_term
from models.store.unit_of_work import Database

from ._support import last_log_id, log_since, valid_id

MEMBERS = ("张三", "李四", "王五", "赵六")


def presidium(db: Database, names: tuple[str, ...] = MEMBERS, *, term: int = 7) -> list[int]:
    """A current presidium term with `names` elected, as a clerk builds it on day one."""
    row = open_term(db, user="clerk", kind=BodyKind.PRESIDIUM, term=term, status=TermStatus.CURRENT)
    people = add_people(
        db,
        user="clerk",
        drafts=[
            PersonDraft(name=n, gender="男", id_number=valid_id(sequence=f"{100 + i:03d}"))
            for i, n in enumerate(names)
        ],
    )
    add_memberships(
        db,
        user="clerk",
        term_id=row.id,
        entries=[(p.id, MembershipDraft(position="委员")) for p in people],
    )
    return [p.id for p in people]


def motions_file(path: Path, rows: list[list[Any]]) -> Path:
    book = Workbook()
    sheet = book.active
    sheet.append(list(MOTION_HEADERS))
    for row in rows:
        sheet.append(row)
    book.save(path)
    return path


def good_rows(count: int) -> list[list[Any]]:
    return [
        [
            MEMBERS[i % 4],
            MEMBERS[(i + 1) % 4],
            f"关于第{i + 1}件事的提案",
            MOTION_CATEGORIES[i % 3],
            "案由文字",
            "理由文字",
            "建议文字",
            "2026-03-01",
        ]
        for i in range(count)
    ]


def thirty_with_three_bad(path: Path) -> Path:
    rows = good_rows(30)
    rows[4][0] = "钱七"  # not a member: row 6
    rows[11][1] = "李四、孙八"  # a co-signer who is not a member: row 13
    rows[20][2] = rows[16][2]  # row 22 repeats row 18's title, same proposer (both 张三)
    return motions_file(path, rows)


def count(db: Database) -> int:
    with db.session_factory() as session:
        return session.scalar(select(func.count()).select_from(Motion)) or 0


def test_three_bad_rows_write_nothing(db: Database, tmp_path: Path) -> None:
    presidium(db)
    path = thirty_with_three_bad(tmp_path / "提案.xlsx")
    outcome = import_motions(db, user="clerk", path=path)
    assert outcome.imported == 0
    assert outcome.read.sheet.excluded_rows == (6, 13, 22)
    codes = {(p.row, p.code) for p in outcome.read.errors}
    assert codes == {
        (6, "motion_proposer_unknown"),
        (13, "motion_cosigner_unknown"),
        (22, "motion_title_repeated_in_file"),
    }
    assert count(db) == 0
    assert outcome.rejected_file is None
    assert not (tmp_path / "提案.rejected.xlsx").exists()


def test_valid_only_registers_27_submitted(db: Database, tmp_path: Path) -> None:
    ids = presidium(db)
    path = thirty_with_three_bad(tmp_path / "提案.xlsx")
    outcome = import_motions(db, user="clerk", path=path, valid_only=True)
    assert outcome.imported == 27
    assert count(db) == 27
    assert outcome.rejected_file == tmp_path / "提案.rejected.xlsx"
    rejected = load_workbook(outcome.rejected_file).active
    assert [r[0] for r in rejected.iter_rows(min_row=2, values_only=True)] == [
        "钱七",
        "赵六",
        "张三",
    ]
    with db.session_factory() as session:
        first = session.get_one(Motion, outcome.motion_ids[0])
        assert first.state is MotionState.SUBMITTED
        assert first.proposer_id == ids[0]
        assert [c.person_id for c in first.co_signers] == [ids[1]]
        assert first.category == MOTION_CATEGORIES[0]
        assert first.submitted_on == date(2026, 3, 1)
        assert "【案由】\n案由文字" in first.body_text and "办法和建议" in first.body_text
        changes = session.scalars(
            select(MotionStateChange).where(MotionStateChange.motion_id == first.id)
        ).all()
        assert [(c.from_state, c.to_state) for c in changes] == [
            (MotionState.DRAFT, MotionState.SUBMITTED)
        ]


def test_row_checks(db: Database, tmp_path: Path) -> None:
    presidium(db)
    import_motions(
        db, user="clerk", path=motions_file(tmp_path / "a.xlsx", good_rows(1))
    )  # 张三's 关于第1件事的提案 is registered
    rows = [
        ["张三", "", "关于第1件事的提案", "", "", "", "", ""],  # already registered
        ["李四", "李四", "甲", "", "", "", "", ""],  # co-signer is the proposer
        ["王五", "", "", "", "", "", "", ""],  # no title
        ["赵六", "", "乙", "外星", "", "", "", ""],  # unknown category
        ["赵六", "", "丙", "", "", "", "", "2026-02-30"],  # no such day
        ["", "", "丁", "", "", "", "", ""],  # no proposer
    ]
    read = preview_motions(db, path=motions_file(tmp_path / "b.xlsx", rows))
    assert [(p.row, p.column, p.code) for p in read.errors] == [
        (2, "标题", "motion_title_repeated"),
        (3, "附议人", "motion_cosigner_repeated"),
        (4, "标题", "motion_title_empty"),
        (5, "类别", "motion_category_unknown"),
        (6, "收到日期", "date_invalid"),
        (7, "提案人", "motion_proposer_missing"),
    ]
    assert read.entries == ()


def test_shared_name_is_named_and_id_resolves(db: Database, tmp_path: Path) -> None:
    ids = presidium(db, ("张三", "张三", "李四"))
    rows = [["张三", "", "甲", "", "", "", "", ""], [str(ids[1]), "李四", "乙", "", "", "", "", ""]]
    read = preview_motions(db, path=motions_file(tmp_path / "c.xlsx", rows))
    assert [p.code for p in read.errors] == ["proposer_ambiguous"]
    assert read.entries[0].proposer.id == ids[1]


def test_file_without_header_is_refused(db: Database, tmp_path: Path) -> None:
    presidium(db)
    book = Workbook()
    book.active.append(["姓名", "性别"])
    book.save(tmp_path / "d.xlsx")
    with pytest.raises(DomainError) as caught:
        preview_motions(db, path=tmp_path / "d.xlsx")
    assert caught.value.code == "motion_header_not_found"


def test_template_has_drop_downs(db: Database, tmp_path: Path) -> None:
    presidium(db)
    since = last_log_id(db)
    path = write_template(db, user="clerk", path=tmp_path / "模板.xlsx")
    # The members' names leave the database: the file is an entry of the 操作记录.
    exported = [r for r in log_since(db, since) if r.action == "export"]
    assert [(r.entity, r.entity_id, r.after["file"]) for r in exported] == [
        ("paper", "motion-template", "模板.xlsx")
    ]
    book = load_workbook(path)
    sheet = book["提案"]
    assert [c.value for c in sheet[1]] == list(MOTION_HEADERS)
    formulas = {v.formula1: str(v.sqref) for v in sheet.data_validations.dataValidation}
    lists = book["可选值"]
    assert sorted(formulas.values()) == ["A2:A501", "D2:D501"]
    members = [r[0] for r in lists.iter_rows(min_row=2, max_col=1, values_only=True) if r[0]]
    assert sorted(members) == sorted(MEMBERS)
    categories = [r[1] for r in lists.iter_rows(min_row=2, values_only=True) if r[1]]
    assert tuple(categories) == MOTION_CATEGORIES
    assert "填写说明" in book.sheetnames
    # The template reads back as an empty sheet, and a filled-in copy imports.
    assert preview_motions(db, path=path).sheet.total == 0


def test_filled_template_imports(db: Database, tmp_path: Path) -> None:
    """The template as a clerk fills it: a real date cell, text cells, the hidden lists sheet."""
    ids = presidium(db)
    path = write_template(db, user="clerk", path=tmp_path / "模板.xlsx")
    book = load_workbook(path)
    sheet = book["提案"]
    for column, value in enumerate(
        ["李四", "张三、 王五", "关于无障碍的提案", "无障碍", "案由", None, None, date(2026, 3, 2)],
        start=1,
    ):
        sheet.cell(row=2, column=column, value=value)
    book.save(path)
    outcome = import_motions(db, user="clerk", path=path)
    assert outcome.read.errors == () and outcome.imported == 1
    with db.session_factory() as session:
        motion = session.get_one(Motion, outcome.motion_ids[0])
        assert motion.submitted_on == date(2026, 3, 2)
        assert [c.person_id for c in motion.co_signers] == [ids[0], ids[2]]
        assert motion.body_text == "【案由】\n案由"


def test_headers_as_clerks_type_them(db: Database, tmp_path: Path) -> None:
    """Columns in another order, `*` and (必填), a title row above, an extra column kept."""
    presidium(db)
    book = Workbook()
    sheet = book.active
    sheet.append(["第七届主席团提案汇总"])
    sheet.append(["备注", "* 标题 (必填)", "提案人*", "收到 日期"])
    sheet.append(["急", "关于甲的提案", "王五", "2026年3月4日"])
    sheet.append(["", "关于乙的提案", "王五", "三月"])
    book.save(tmp_path / "e.xlsx")
    outcome = import_motions(db, user="clerk", path=tmp_path / "e.xlsx", valid_only=True)
    assert [(p.row, p.code) for p in outcome.read.errors] == [(4, "date_invalid")]
    assert outcome.imported == 1
    assert outcome.read.entries[0].received == date(2026, 3, 4)
    assert outcome.rejected_file is not None
    rejected = load_workbook(outcome.rejected_file).active
    assert [c.value for c in rejected[1]] == [
        "备注",
        "* 标题 (必填)",
        "提案人*",
        "收到 日期",
        "错误说明",
    ]
    assert rejected.cell(2, 2).value == "关于乙的提案"
    assert "收到日期不是有效日期" in rejected.cell(2, 5).value
