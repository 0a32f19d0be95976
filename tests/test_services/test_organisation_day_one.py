"""Day one (issue 17's acceptance): on a database built without the demo, the office fills its
registers from its own .xlsx files — the templates the program writes, typed in as a clerk
would — and the dashboard's overview and the yearly check show every organisation rule, met."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path
from typing import Any

from openpyxl import load_workbook

from models.domain.organisation_rules import RULE_IDS
from models.services.dashboard.queries import reform_overview
from models.services.organisation.checking import organisation_report
from models.services.organisation.contracts import Register
from models.services.organisation.importing import import_register, register_template
from models.store.unit_of_work import Database

from ._organisation import CLERK, build_district

YEAR = 2026
MEMBERS = ("张书记", "李理事长", "王理事")  # the party group's and the council's, in office


def _import(db: Database, tmp_path: Path, register: Register, rows: list[dict[str, Any]]) -> None:
    path = register_template(db, user=CLERK, register=register, path=tmp_path / f"{register}.xlsx")
    book = load_workbook(path)
    sheet = book.worksheets[0]
    headers = [cell.value for cell in sheet[1]]
    for number, row in enumerate(rows, start=2):
        for header, value in row.items():
            sheet.cell(row=number, column=headers.index(header) + 1, value=value)
    book.save(path)
    outcome = import_register(db, user=CLERK, register=register, path=path)
    assert outcome.read.errors == () and outcome.imported == len(rows), outcome.read.errors


def test_registers_from_the_offices_files_and_every_rule_shown(db, tmp_path) -> None:
    build_district(db)  # townships, four places and the members, through the services
    # The places sheet gives the year's figures; its blank 低收入村 keeps 桥户营村 a 低收入村.
    town = {
        "东辛房社区": "大峪街道",
        "王平社区": "王平镇",
        "桥户营村": "王平镇",
        "西马各庄村": "王平镇",
    }
    figures = {"东辛房社区": ("常住人口", 8000), "王平社区": ("常住人口", 3000)}
    figures |= {"桥户营村": ("残疾人口", 60), "西马各庄村": ("残疾人口", 10)}
    _import(
        db,
        tmp_path,
        Register.PLACES,
        [
            {
                "街乡镇": town[name],
                "名称": name,
                "类别": name[-2:] if "社区" in name else "村",
                "年度": YEAR,
                column: value,
            }
            for name, (column, value) in figures.items()
        ],
    )
    _import(
        db,
        tmp_path,
        Register.HOMES,
        [
            {
                "温馨家园名称": "大峪街道温馨家园",
                "街乡镇": "大峪街道",
                "村/社区": "东辛房社区",
                "示范温馨家园": "是",
            },
            {"温馨家园名称": "王平镇温馨家园", "街乡镇": "王平镇", "示范温馨家园": "是"},
            {"温馨家园名称": "桥户营村温馨家园", "街乡镇": "王平镇", "村/社区": "桥户营村"},
        ],
    )
    cadres = [
        {
            "姓名": "钱专职",
            "职务": "副理事长",
            "领导班子成员": "是",
            "任职方式": "专职",
            "是否残疾人": "是",
            "残疾类别": "肢体",
            "任职日期": "2021-06-18",
        },
        {"姓名": "孙挂职", "职务": "挂职副理事长", "任职方式": "挂职", "派出单位": "区卫健委"},
        {"姓名": "周兼职", "职务": "兼职副理事长", "任职方式": "兼职", "派出单位": "区盲协"},
    ]
    cadres += [{"姓名": f"干部{n}", "职务": "科员", "任职方式": "专职"} for n in range(7)]
    _import(db, tmp_path, Register.CADRES, cadres)  # 1 disabled of 10: exactly 10 %
    _import(
        db,
        tmp_path,
        Register.CONTACTS,
        [
            {
                "姓名": name,
                "联系村": "桥户营村",
                "联系社区": "东辛房社区",
                "联系温馨家园": "桥户营村温馨家园",
                "开始日期": f"{YEAR}-01-02",
            }
            for name in MEMBERS
        ],
    )
    days = [date(YEAR, 1, 5) + timedelta(days=3 * n) for n in range(60)]  # up to 1 June
    _import(
        db,
        tmp_path,
        Register.VISITS,
        [
            {"姓名": name, "日期": day.isoformat(), "地点": "桥户营村", "内容": "入户问需"}
            for name in MEMBERS
            for day in days
        ],
    )
    association = {
        "组织名称": "东辛房社区残疾人协会",
        "类别": "社区残协",
        "街乡镇": "大峪街道",
        "村/社区": "东辛房社区",
    }
    _import(
        db,
        tmp_path,
        Register.ORGANISATIONS,
        [
            association | {"职务": "主席", "姓名": "吴主任", "居（村）委会职务": "主任"},
            association | {"职务": "副主席", "姓名": "郑副主席", "是否残疾人": "是"},
            association | {"职务": "专职委员", "姓名": "冯委员", "选聘方式": "公开选聘"},
            association | {"职务": "兼职委员", "姓名": "陈委员"},
        ],
    )

    report = organisation_report(db, year=YEAR, as_of=date(YEAR, 12, 1))
    statuses = {result.id: result.status for result in report.results}
    assert set(statuses) == set(RULE_IDS)
    # No presidium meeting reviewed the council's report: the one rule left, a warning.
    assert statuses.pop("presidium.yearly_review") == "warn"
    assert set(statuses.values()) == {"pass"}, [
        s.detail for r in report.results if r.status != "pass" for s in r.shortfalls
    ]
    shown = {result.id for result in reform_overview(db, year=YEAR).results()}
    assert set(RULE_IDS) <= shown
