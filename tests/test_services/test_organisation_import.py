"""The organisation registers from spreadsheets (issue 17): the template round trip as a clerk
fills it, names resolved to records, the registers' own checks as row problems, duplicates in
the file and against the database, all-or-nothing and --valid-only with the rejected file — on an
empty database, on SQLite and PostgreSQL."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook
from sqlalchemy import select

from models.domain.errors import DomainError
from models.domain.organisation_vocabulary import (
    PlaceKind,
    TownshipKind,
)
from models.domain.roles import Role
from models.domain.vocabulary import DisabilityCategory, Employment
from models.entities import (
    Cadre,
    ChangeLog,
    Place,
    PlacePopulation,
    Township,
)
from models.importing.register_reader import SPECS
from models.services.organisation.contracts import Register
from models.services.organisation.importing import (
    import_register,
    preview_register,
    register_template,
)

from ._accounts import accounts_for_every_role, login_of
from ._organisation import CLERK, District, build_district
from ._support import count, last_log_id, log_since


@pytest.fixture
def district(db) -> District:
    return build_district(db)


def filled(db, tmp_path: Path, register: Register, rows: Sequence[dict[str, Any]]) -> Path:
    """The template written by the service, filled as a clerk would: one row per dict, typed into
    the columns by their headers (as text where the template made the cells text)."""
    path = register_template(db, user=CLERK, register=register, path=tmp_path / f"{register}.xlsx")
    book = load_workbook(path)
    sheet = book.worksheets[0]
    headers = [cell.value for cell in sheet[1]]
    for number, row in enumerate(rows, start=2):
        for header, value in row.items():
            sheet.cell(row=number, column=headers.index(header) + 1, value=value)
    book.save(path)
    return path


def errors(read) -> list[tuple[int, str, str]]:
    return [(p.row, p.column, p.code) for p in read.errors]


# --- each register, from its template --------------------------------------------------------


def test_places_create_townships_places_and_the_years_figures(db, tmp_path):
    rows = [
        {
            "街乡镇": "龙泉镇",
            "名称": "琉璃渠村",
            "类别": "村",
            "低收入村": "是",
            "年度": 2026,
            "残疾人口": 50,
        },
        {
            "街乡镇": "龙泉镇",
            "名称": "琉璃渠村",
            "类别": "村",
            "低收入村": "是",
            "年度": 2025,
            "残疾人口": 49,
        },
        {
            "街乡镇": "大峪街道",
            "名称": "东辛房社区",
            "类别": "社区",
            "年度": "2026",
            "常住人口": "7000",
        },
        {"街乡镇": "龙泉镇", "名称": "三家店村", "类别": "村"},
    ]
    path = filled(db, tmp_path, Register.PLACES, rows)
    assert errors(preview_register(db, register=Register.PLACES, path=path)) == []
    assert count(db, Township) == 0  # the preview wrote nothing
    outcome = import_register(db, user=CLERK, register=Register.PLACES, path=path)
    assert outcome.imported == 4 and outcome.rejected_file is None
    with db.session_factory() as session:
        towns = {t.name: t.kind for t in session.scalars(select(Township))}
        assert towns == {"龙泉镇": TownshipKind.TOWN, "大峪街道": TownshipKind.STREET}
        places = {(p.name, p.kind, p.low_income) for p in session.scalars(select(Place))}
        assert places == {
            ("琉璃渠村", PlaceKind.VILLAGE, True),
            ("东辛房社区", PlaceKind.COMMUNITY, False),
            ("三家店村", PlaceKind.VILLAGE, False),
        }
        figures = {
            (f.place.name, f.year, f.disabled_residents, f.residents)
            for f in session.scalars(select(PlacePopulation))
        }
        assert figures == {
            ("琉璃渠村", 2026, 50, None),
            ("琉璃渠村", 2025, 49, None),
            ("东辛房社区", 2026, None, 7000),
        }
    # Again, with a new year's figure and a changed one: the figures are set, nothing doubles.
    rows[0]["残疾人口"] = 52
    rows[1]["低收入村"] = "是"
    rows.append(
        {"街乡镇": "大峪街道", "名称": "东辛房社区", "类别": "社区", "年度": 2027, "常住人口": 7100}
    )
    path = filled(db, tmp_path, Register.PLACES, rows)
    before = last_log_id(db)
    outcome = import_register(db, user=CLERK, register=Register.PLACES, path=path)
    assert outcome.imported == 5
    assert count(db, Place) == 3 and count(db, PlacePopulation) == 4
    changed = {(e.entity, e.action) for e in log_since(db, before)}
    assert ("place_population", "update") in changed and ("place_population", "insert") in changed
    assert ("place", "insert") not in changed


def test_places_problems_from_the_database(db, district, tmp_path):
    rows = [
        {"街乡镇": "大峪街道", "名称": "东辛房社区", "类别": "村"},  # 2: a community already
        {"街乡镇": "某某地区", "名称": "甲村", "类别": "村"},  # 3: 街道 or 乡镇?
        {"街乡镇": "王平镇", "名称": "王平社区", "类别": "社区", "年度": 2026},  # 4: no figure
    ]
    path = filled(db, tmp_path, Register.PLACES, rows)
    read = preview_register(db, register=Register.PLACES, path=path)
    assert errors(read) == [
        (2, "类别", "register_place_kind_differs"),
        (3, "街乡镇", "register_township_kind_unknown"),
        (4, "残疾人口", "population_counts_missing"),
    ]


def test_cadres(db, tmp_path):
    rows = [
        {
            "姓名": "张三",
            "职务": "理事长",
            "领导班子成员": "是",
            "任职方式": "专职",
            "是否残疾人": "是",
            "残疾类别": "肢体残疾",
            "任职日期": "2021-06-18",
        },
        {"姓名": "李四", "任职方式": "挂职", "派出单位": "区民政局", "任职日期": date(2025, 1, 1)},
        {"姓名": "王五", "任职方式": "兼职", "残疾类别": "视力"},  # disabled by its category
        {"姓名": "赵六", "任职方式": "专职", "任职日期": "2024-05-01", "离任日期": "2024-01-01"},
    ]
    path = filled(db, tmp_path, Register.CADRES, rows)
    outcome = import_register(db, user=CLERK, register=Register.CADRES, path=path)
    assert outcome.imported == 0
    assert errors(outcome.read) == [(5, "离任日期", "ended_before_started")]
    assert count(db, Cadre) == 0
    outcome = import_register(db, user=CLERK, register=Register.CADRES, path=path, valid_only=True)
    assert outcome.imported == 3 and len(outcome.record_ids) == 3
    assert outcome.rejected_file == tmp_path / "cadres.rejected.xlsx"
    rejected = load_workbook(outcome.rejected_file).active
    assert [r[0] for r in rejected.iter_rows(min_row=2, values_only=True)] == ["赵六"]
    with db.session_factory() as session:
        cadres = {c.name: c for c in session.scalars(select(Cadre))}
        assert cadres["张三"].leadership and cadres["张三"].employment is Employment.FULL_TIME
        assert cadres["张三"].disability_category is DisabilityCategory.PHYSICAL
        assert cadres["李四"].home_unit == "区民政局" and not cadres["李四"].disabled
        assert cadres["王五"].disabled and cadres["王五"].employment is Employment.PART_TIME
    # The same file again: the cadres are there already.
    read = preview_register(db, register=Register.CADRES, path=path)
    assert errors(read)[:3] == [
        (2, "姓名", "register_already_registered"),
        (3, "姓名", "register_already_registered"),
        (4, "姓名", "register_already_registered"),
    ]


# --- the import as a whole --------------------------------------------------------------------


def test_all_or_nothing_writes_nothing_and_valid_only_the_good_rows(db, district, tmp_path):
    rows = [{"姓名": f"干部{i}", "任职方式": "专职"} for i in range(30)]
    rows[4]["任职方式"] = "外聘"  # row 6
    rows[11]["姓名"] = "干部3"  # row 13: repeats row 5
    rows[20]["任职日期"] = "2026-02-30"  # row 22
    path = filled(db, tmp_path, Register.CADRES, rows)
    before = last_log_id(db)
    outcome = import_register(db, user=CLERK, register=Register.CADRES, path=path)
    assert outcome.imported == 0 and outcome.read.sheet.excluded_rows == (6, 13, 22)
    assert count(db, Cadre) == 0 and log_since(db, before) == []
    assert not (tmp_path / "cadres.rejected.xlsx").exists()
    outcome = import_register(db, user=CLERK, register=Register.CADRES, path=path, valid_only=True)
    assert outcome.imported == 27 and count(db, Cadre) == 27
    assert outcome.rejected_file == tmp_path / "cadres.rejected.xlsx"
    sheet = load_workbook(outcome.rejected_file).active
    assert [r[0] for r in sheet.iter_rows(min_row=2, values_only=True)] == [
        "干部4",
        "干部3",
        "干部20",
    ]
    explanation = sheet.cell(2, len(SPECS["cadres"].columns) + 1).value
    assert explanation.startswith("原表第6行：任职方式的值“外聘”无效")
    entries = log_since(db, before)
    assert {e.entity for e in entries} == {"cadre"} and {e.user_login for e in entries} == {CLERK}


def test_the_template_is_logged_and_the_import_is_guarded(db, tmp_path):
    before = last_log_id(db)
    path = register_template(db, user=CLERK, register=Register.HOMES, path=tmp_path / "家园.xlsx")
    (entry,) = [e for e in log_since(db, before) if e.entity != "app_user"]
    assert (entry.action, entry.entity, entry.entity_id) == ("export", "paper", "homes-template")
    accounts_for_every_role(db)
    with pytest.raises(DomainError) as caught:
        import_register(db, user=login_of(Role.LEADER), register=Register.HOMES, path=path)
    assert caught.value.code == "role_refused"
    with pytest.raises(DomainError) as caught:
        import_register(db, user=login_of(Role.SECRETARIAT), register=Register.TOWNSHIPS, path=path)
    assert caught.value.code == "register_import_unsupported"
    with pytest.raises(DomainError) as caught:
        preview_register(db, register=Register.CADRES, path=path)  # a homes sheet
    assert caught.value.code == "register_header_not_found"
    assert count(db, ChangeLog) >= 1


def test_preview_in_a_child_process(db, district, tmp_path):
    path = filled(db, tmp_path, Register.HOMES, [{"温馨家园名称": "甲", "街乡镇": "王平镇"}])
    read = preview_register(db, register=Register.HOMES, path=path, isolated=True)
    assert read.sheet.total == 1 and read.errors == () and len(read.entries) == 1
