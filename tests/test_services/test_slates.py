"""Slates in the database: import a checked sheet into a term, then check the term (both backends)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from openpyxl import Workbook
from sqlalchemy import select

from desktop.paths import resource_path
from models.domain.composition import check_slate
from models.domain.errors import DomainError
from models.domain.identity import check_digit
from models.domain.rules import load_rules
from models.domain.vocabulary import BodyKind, MembershipStatus, TermStatus
from models.entities import Membership, Person
from models.importing.slate_reader import read_slate
from models.services.common.settings import record_rules
from models.services.people.commands import add_membership, add_person, end_membership
from models.services.people.contracts import MembershipDraft
from models.services.slates.commands import import_slate
from models.services.slates.queries import check_term, load_term_slate, rules_in_force
from models.services.terms.commands import open_term

from ._support import add_units, count, draft

RULES_TEXT = resource_path("rules", "mentougou-2019.toml").read_text(encoding="utf-8")
RULES = load_rules(RULES_TEXT, rules_id="mentougou-2019")
UNITS = ("大峪街道", "城子街道", "斋堂镇")
HEADERS = (
    "姓名",
    "性别",
    "身份证号",
    "选举单位",
    "联系电话",
    "工作单位及职务",
    "残疾人证号",
    "残疾类别",
    "残疾等级",
    "多重残疾包含类别",
    "是否残疾人亲友",
    "亲友残疾类别",
    "城乡",
    "自强模范",
    "基层一线",
    "助残社会组织代表",
    "助残志愿者",
)
CERT_DIGIT = {
    "视力": "1",
    "听力": "2",
    "言语": "3",
    "肢体": "4",
    "智力": "5",
    "精神": "6",
    "多重": "7",
}


def valid_id(index: int) -> str:
    """Distinct valid IDs (area 110102, never the demo's); even index 男, odd 女."""
    first17 = f"110102{date(1970, 1, 1) + timedelta(days=index):%Y%m%d}00{1 + index % 2}"
    return first17 + check_digit(first17)


def row(index: int, category: str | None = None, **cells: Any) -> dict[str, Any]:
    id_number = valid_id(index)
    values: dict[str, Any] = {
        "姓名": f"代表{index:02d}",
        "性别": "男" if index % 2 == 0 else "女",
        "身份证号": id_number,
        "选举单位": UNITS[index % len(UNITS)],
        "联系电话": f"1370000{index:04d}",
        "工作单位及职务": "街道残联 专职委员",
        "基层一线": "是",
    }
    if category is not None:
        values |= {
            "残疾类别": category,
            "残疾等级": "二级",
            "残疾人证号": id_number + CERT_DIGIT[category] + "2",
        }
    values.update(cells)
    return values


def slate_rows() -> list[dict[str, Any]]:
    """Twelve people that pass every error rule, with facts each rule counts differently."""
    return [
        row(0, "视力"),
        row(1, "听力", 城乡="农村"),
        row(2, "言语"),
        row(3, "肢体", 自强模范="是", 基层一线="否"),
        row(4, "肢体", 城乡="农村"),
        row(5, "智力"),
        row(6, "精神", 助残志愿者="是"),
        row(7, "多重", 多重残疾包含类别="视力、肢体"),
        row(8, 是否残疾人亲友="是", 亲友残疾类别="精神", 城乡="农村"),
        row(9, 亲友残疾类别="智力、肢体"),
        row(10, 助残社会组织代表="是"),
        row(11, "视力", 城乡="城镇"),
    ]


def write(path: Path, rows: Sequence[Mapping[str, Any]]) -> Path:
    book = Workbook()
    sheet = book.active
    for column, header in enumerate(HEADERS, start=1):
        sheet.cell(row=1, column=column, value=header)
    for number, values in enumerate(rows, start=2):
        for column, header in enumerate(HEADERS, start=1):
            if values.get(header) is not None:
                cell = sheet.cell(row=number, column=column, value=values[header])
                cell.data_type = "s"
    book.save(path)
    return path


@dataclass(frozen=True)
class Terms:
    congress7: int
    congress8: int
    presidium8: int
    veteran_id: str  # on the 7th congress and on the 8th slate
    veteran_membership: int
    leaver_membership: int


@pytest.fixture
def terms(db) -> Terms:
    """7th congress (current) with a delegate and a leaver; draft 8th congress and presidium."""
    add_units(db, *UNITS)
    seventh = open_term(db, user="setup", kind=BodyKind.CONGRESS, term=7, status=TermStatus.CURRENT)
    eighth = open_term(db, user="setup", kind=BodyKind.CONGRESS, term=8, status=TermStatus.DRAFT)
    presidium = open_term(
        db, user="setup", kind=BodyKind.PRESIDIUM, term=8, status=TermStatus.DRAFT
    )
    veteran = add_person(
        db, user="setup", draft=draft(name="代表00", gender="男", id_number=valid_id(0), phone="1")
    )
    leaver = add_person(
        db, user="setup", draft=draft(name="老代表", gender="女", id_number=valid_id(99))
    )
    snapshot = MembershipDraft(
        position="代表",
        status="elected",
        electoral_unit="城子街道",
        work_unit_and_post="原单位 原职务",
        disability_category="听力",
        disability_grade=3,
        urban_rural="城镇",
        start_date=date(2021, 12, 1),
    )
    kept = add_membership(
        db, user="setup", person_id=veteran.id, term_id=seventh.id, draft=snapshot
    )
    left = add_membership(db, user="setup", person_id=leaver.id, term_id=seventh.id, draft=snapshot)
    end_membership(
        db,
        user="setup",
        membership_id=left.id,
        expected_version=left.version,
        end_date=date(2023, 5, 1),
        reason="辞职",
    )
    return Terms(seventh.id, eighth.id, presidium.id, valid_id(0), kept.id, left.id)


def _slim(results) -> list[tuple[Any, ...]]:
    return [(r.id, r.status, r.count, r.total, r.required, r.message, r.gap) for r in results]


def _membership_facts(db, membership_id: int) -> dict[str, Any]:
    with db.session_factory() as session:
        m = session.get(Membership, membership_id)
        return {
            column.key: getattr(m, column.key)
            for column in Membership.__table__.columns
            if column.key != "id"
        }


def test_import_then_check_term_gives_the_sheets_own_report(db, terms, tmp_path):
    path = write(tmp_path / "第八届.xlsx", slate_rows())
    outcome = import_slate(db, user="clerk", path=path, kind=BodyKind.CONGRESS, term=8)
    # The veteran's registered phone differs from the file's: kept, and reported with both.
    assert (outcome.imported, outcome.added_people, outcome.updated_people) == (12, 11, 0)
    assert outcome.rejected_file is None and outcome.errors == ()
    [conflict] = outcome.conflicts
    assert (conflict.row, conflict.name, conflict.id_number) == (2, "代表00", "110102********0012")
    assert [(f.column, f.registry, f.file) for f in conflict.facts] == [
        ("联系电话", "1", "13700000000")
    ]
    [warning] = [w for w in outcome.warnings if w.code == "person_conflict"]
    assert (warning.row, warning.column) == (2, "联系电话")
    slate, report = check_term(db, kind=BodyKind.CONGRESS, term=8, rules=RULES)
    assert (slate.term_id, slate.term, slate.term_status) == (
        terms.congress8,
        8,
        TermStatus.DRAFT,
    )
    assert len(slate.people) == report.total == 12
    # The same sheet checked straight from the file, against the same previous term.
    sheet = read_slate(path, body="congress")
    direct = check_slate(sheet.records, RULES, "congress", previous=slate.previous)
    assert _slim(report.results) == _slim(direct.results)
    assert not report.has_failed_errors


def test_check_term_counts_the_imported_snapshot_facts(db, terms, tmp_path):
    import_slate(
        db,
        user="clerk",
        path=write(tmp_path / "s.xlsx", slate_rows()),
        kind=BodyKind.CONGRESS,
        term=8,
    )
    _, report = check_term(db, kind=BodyKind.CONGRESS, term=None, rules=RULES)
    counted = {r.id: r.count for r in report.results}
    assert counted["congress.disabled_or_relative_share"] == 11  # all but the 助残社会组织代表
    assert counted["congress.model_or_frontline_share"] == 12
    assert counted["congress.category.blind"] == 3  # 视力 ×2 and 多重 视力、肢体
    assert counted["congress.category.deaf"] == 2  # 听力 and 言语
    assert counted["congress.category.physical"] == 3  # 肢体 ×2 and 多重
    assert counted["congress.category.intellectual"] == 2  # 智力 and a relative of 智力
    assert counted["congress.category.psychosocial"] == 2  # 精神 and a relative of 精神
    assert counted["congress.rural_share_trend"] == 3
    assert counted["congress.org_share_trend"] == 1
    assert counted["congress.volunteer_share_trend"] == 1
    # Trends compare with the 7th term as constituted, the leaver included: 2 deaf then.
    deaf = report.result("congress.category_trend.deaf")
    assert (deaf.status, deaf.count, deaf.required) == ("warn", 2, None)
    assert "上一届的 2 人" in deaf.message
    physical = report.result("congress.category_trend.physical")
    assert (physical.status, physical.count, physical.required) == ("pass", 3, None)


def test_load_term_slate_gives_reserves_previous_and_delegates(db, terms, tmp_path):
    import_slate(
        db,
        user="clerk",
        path=write(tmp_path / "s.xlsx", slate_rows()),
        kind=BodyKind.CONGRESS,
        term=8,
    )
    reserves = [row(20, "精神"), row(21, "智力")]
    outcome = import_slate(
        db,
        user="clerk",
        path=write(tmp_path / "reserves.xlsx", reserves),
        kind=BodyKind.CONGRESS,
        term=8,
        reserve=True,
    )
    assert outcome.imported == 2
    slate = load_term_slate(db, kind=BodyKind.CONGRESS, term=8)
    assert len(slate.people) == 12
    assert sorted(r.id_number for r in slate.reserves) == sorted(r["身份证号"] for r in reserves)
    assert {r.category.value for r in slate.reserves} == {"精神", "智力"}
    assert slate.previous is not None
    assert sorted(r.id_number for r in slate.previous) == sorted([valid_id(0), valid_id(99)])
    assert slate.delegate_ids is None  # a congress needs no delegates list
    veteran_before = next(r for r in slate.previous if r.id_number == valid_id(0))
    assert veteran_before.category.value == "听力" and veteran_before.electoral_unit == "城子街道"
    with db.session_factory() as session:
        statuses = session.scalars(
            select(Membership.status).where(Membership.term_id == terms.congress8)
        ).all()
    assert sorted(statuses) == sorted(
        [MembershipStatus.CANDIDATE] * 12 + [MembershipStatus.RESERVE] * 2
    )

    presidium_rows = [{k: v for k, v in r.items() if k != "选举单位"} for r in slate_rows()[:6]]
    presidium_rows.append(row(30, "精神"))  # not a delegate
    import_slate(
        db,
        user="clerk",
        path=write(tmp_path / "p.xlsx", presidium_rows),
        kind=BodyKind.PRESIDIUM,
        term=8,
    )
    presidium = load_term_slate(db, kind=BodyKind.PRESIDIUM, term=8)
    assert presidium.previous is None  # no 7th presidium in this database
    assert presidium.delegate_ids == frozenset(r["身份证号"] for r in slate_rows())
    _, report = check_term(db, kind=BodyKind.PRESIDIUM, term=8, rules=RULES)
    delegates = report.result("presidium.members_are_delegates")
    assert (delegates.status, delegates.count, delegates.total, delegates.gap) == ("warn", 6, 7, 1)


def test_import_never_touches_the_7th_term(db, terms, tmp_path):
    seventh_before = _membership_facts(db, terms.veteran_membership)
    leaver_before = _membership_facts(db, terms.leaver_membership)
    _, report_before = check_term(db, kind=BodyKind.CONGRESS, term=7, rules=RULES)
    rows = slate_rows()
    rows[0] |= {"工作单位及职务": "新单位 新职务", "选举单位": "斋堂镇", "城乡": "农村"}
    import_slate(
        db, user="clerk", path=write(tmp_path / "s.xlsx", rows), kind=BodyKind.CONGRESS, term=8
    )
    # Re-importing the same file with the veteran changed again, the clerk taking the file's
    # facts this time: still the 7th term untouched.
    rows[0]["联系电话"] = "13912345678"
    again = import_slate(
        db,
        user="clerk",
        path=write(tmp_path / "s.xlsx", rows),
        kind=BodyKind.CONGRESS,
        term=8,
        update_people=True,
    )
    assert (again.added_people, again.updated_people, again.rows_from_file) == (0, 1, (2,))
    assert _membership_facts(db, terms.veteran_membership) == seventh_before
    assert _membership_facts(db, terms.leaver_membership) == leaver_before
    _, report_after = check_term(db, kind=BodyKind.CONGRESS, term=7, rules=RULES)
    assert _slim(report_after.results) == _slim(report_before.results)
    with db.session_factory() as session:
        person = session.scalar(select(Person).where(Person.id_number == terms.veteran_id))
        assert person.phone == "13912345678"  # identity is the person's, shared by the terms
        memberships = session.scalars(
            select(Membership).where(Membership.person_id == person.id).order_by(Membership.id)
        ).all()
        assert [m.term_id for m in memberships] == [terms.congress7, terms.congress8]
        eighth = memberships[1]
        assert eighth.work_unit_and_post == "新单位 新职务"
        assert eighth.electoral_unit.name == "斋堂镇"
        assert eighth.disability_category.value == "视力"


def test_import_is_all_or_nothing_and_valid_only_writes_the_rest(db, terms, tmp_path):
    people, memberships = count(db, Person), count(db, Membership)
    rows = [*slate_rows(), row(40, 选举单位="海淀街道"), row(41, 性别="?")]
    path = write(tmp_path / "s.xlsx", rows)
    outcome = import_slate(db, user="clerk", path=path, kind=BodyKind.CONGRESS, term=8)
    assert outcome.imported == 0
    assert [(p.row, p.code) for p in outcome.errors] == [
        (14, "unit_unknown"),
        (15, "gender_invalid"),
    ]
    assert (count(db, Person), count(db, Membership)) == (people, memberships)
    outcome = import_slate(
        db, user="clerk", path=path, kind=BodyKind.CONGRESS, term=8, valid_only=True
    )
    assert outcome.imported == 12
    assert outcome.rejected_file == tmp_path / "s.rejected.xlsx"
    assert outcome.rejected_file.exists()
    assert (count(db, Person), count(db, Membership)) == (people + 11, memberships + 12)


def test_import_refuses_other_bodies_and_missing_terms(db, terms, tmp_path):
    path = write(tmp_path / "s.xlsx", slate_rows())
    with pytest.raises(DomainError) as caught:
        import_slate(db, user="clerk", path=path, kind=BodyKind.EXECUTIVE_COUNCIL, term=7)
    assert caught.value.code == "bad_arguments"
    with pytest.raises(DomainError) as caught:
        import_slate(db, user="clerk", path=path, kind=BodyKind.CONGRESS, term=9)
    assert caught.value.code == "term_not_found"


def test_rules_in_force_are_the_recorded_ones(db, terms):
    record_rules(db, user="setup", rules_id="mentougou-2019", content=RULES_TEXT)
    rules = rules_in_force(db)
    assert rules.id == "mentougou-2019"
    assert rules.slates == RULES.slates
    _, report = check_term(db, kind=BodyKind.CONGRESS, term=7)  # rules from the database
    assert report.total == 1  # the leaver is history, not on the slate
