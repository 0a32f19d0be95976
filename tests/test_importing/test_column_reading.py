"""The rows of a sheet are checked column by column, each distinct cell value read once (issue 18):
the outcome is exactly check_row's, row by row, and a problem repeated down a column names each
of its own rows."""

from __future__ import annotations

from datetime import date, datetime, time
from random import Random
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from models.domain.errors import Level
from models.domain.vocabulary import BodyKind
from models.importing.cells import is_blank
from models.importing.roster_reader import ROSTER_HEADERS, position_rule
from models.importing.rows import (
    RowContext,
    _read_birth_date,
    _read_flag,
    _read_grade,
    _read_text,
    check_row,
    check_rows,
    read_column,
)
from models.importing.workbook import CANONICAL_HEADERS, read_table

from .helpers import TODAY, codes, person, read, valid_id

ID = valid_id()  # a man born 1980-01-02
WOMAN = valid_id(sequence="124")
HEADERS = (*CANONICAL_HEADERS, *ROSTER_HEADERS)
# Few values, so that each comes back in many rows; right and wrong ones for every column.
VALUES = [
    "张三",
    " 张三 ",
    "男",
    "女",
    "Ｍ",
    "是",
    "否",
    "Y",
    "n",
    "√",
    "x",
    "视力",
    "多重",
    "肢体残疾",
    "盲",
    "视力、听力",
    "智力，精神",
    "多重、视力",
    "一级",
    "4",
    "五级",
    "城镇",
    "农村",
    "正式",
    "特邀",
    "主席",
    "委员",
    "理事",
    "专职",
    "挂职",
    "1980-01-02",
    "1980年1月3日",
    "2026/13/01",
    "大峪街道",
    "大峪 街道",
    "城子街道",
    ID,
    ID.lower(),
    " " + ID,
    WOMAN,
    ID[:17] + "0",
    ID + "41",
    ID + "11",
    ID + "74",
    WOMAN + "24",
    "110109800102123",
    "连任",
    " ",
    "",
    None,
    None,
    0,
    1,
    1.0,
    4.0,
    2.5,
    True,
    False,
    13800000000.0,
    date(1980, 1, 2),
    datetime(1980, 1, 2),
    datetime(1980, 1, 2, 10, 30),
    time(10, 30),
]
MAN_TOO = valid_id(sequence="135")
# What each column holds in a row with nothing to report (the row's ID, category and so on
# agreeing), now and then something only the row as a whole shows (ODD: a warning or an error
# from two cells that are each fine); cells are then replaced by VALUES at random.
DISABILITY = [  # 残疾类别, 残疾等级, 残疾人证号 (its last digits; the row's ID before them)
    (None, None, None),
    ("视力", "一级", None),
    ("视力残疾", 1.0, None),
    (None, None, "41"),
    ("肢体", None, "41"),
    (None, "一级", "41"),
    ("多重", None, None),
]
ODD_DISABILITY = [("肢体", "二级", "41"), ("视力", None, "41"), (None, "三级", "41")]
RELATIVE = [(None, None), ("是", "智力"), ("否", None), (None, "精神、智力"), (True, "视力")]
ODD = 0.08


def clean_row(rng: Random, positions: list[str | None]) -> dict[str, Any]:
    def pick(usual: list[Any], odd: list[Any]) -> Any:
        return rng.choice(odd if rng.random() < ODD else usual)

    id_number = rng.choice([ID, WOMAN, MAN_TOO, " " + ID.lower()])
    category, grade, cert = pick(DISABILITY, ODD_DISABILITY)
    is_relative, relatives = pick(RELATIVE, [("是", None)])
    man = id_number != WOMAN
    flag = ["是", "否", None, "Y", 1, False]
    return {
        "姓名": rng.choice(["张三", " 李四", "王五"]),
        "性别": pick(["男", " 男"] if man else ["女"], ["女"] if man else ["男"]),
        "身份证号": id_number,
        "选举单位": rng.choice(["大峪街道", "城子街道", "大峪 街道"]),
        "民族": rng.choice([None, "汉族"]),
        "出生日期": pick([None, "1980-01-02", date(1980, 1, 2), "19800102"], ["1980-01-03"]),
        "工作单位及职务": rng.choice([None, "残联"]),
        "政治面貌": None,
        "联系电话": rng.choice([None, 13800000000.0, "13800000000"]),
        "备注": rng.choice([None, "连任"]),
        "代表类型": rng.choice([None, "正式", "特邀"]),
        "残疾人证号": None if cert is None else id_number.strip().upper() + cert,
        "残疾类别": category,
        "残疾等级": grade,
        "多重残疾包含类别": (
            pick(["视力、听力", "肢体 智力"], ["视力"])
            if category == "多重"
            else pick([None], ["视力"])
        ),
        "是否残疾人亲友": is_relative,
        "亲友残疾类别": relatives,
        "城乡": rng.choice([None, "城镇", "农村"]),
        "自强模范": rng.choice(flag) if category or cert else pick(["否", None], ["是"]),
        "基层一线": rng.choice(flag),
        "助残社会组织代表": rng.choice(flag),
        "助残志愿者": rng.choice(flag),
        "职务": rng.choice(positions),
        "任职方式": rng.choice([None, "专职", "兼职"]),
        "爱好": rng.choice([None, "读书", 3.0, 1]),
    }


def _context(
    headers: tuple[str, ...], body: str, units: list[str] | None, kind: BodyKind | None
) -> RowContext:
    return RowContext(
        columns={header: index for index, header in enumerate(headers)},
        remark_columns=(("爱好", len(headers)),),
        congress=body == "congress",
        today=TODAY,
        known_units=units,
        positions=None if kind is None else position_rule(kind),
    )


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    rng=st.randoms(use_true_random=False),
    required=st.sampled_from([("姓名", "性别", "身份证号", "选举单位")] * 4 + [("性别",), ()]),
    # Every column half the time: a row's cross-checks (多重 and its components, a certificate
    # and the category) need both of their columns, which a random few seldom hold together.
    others=st.one_of(
        st.just(list(HEADERS[4:])),
        st.lists(st.sampled_from(HEADERS[4:]), max_size=len(HEADERS), unique=True),
    ),
    roster=st.booleans(),
    body=st.sampled_from(["congress", "presidium"]),
    units=st.sampled_from([None, None, [], ["大峪街道"], ["大峪街道", "城子街道"]] * 2),
    kind=st.sampled_from([None] * 5 + list(BodyKind)),
    count=st.integers(0, 40),
    wrong=st.sampled_from([0, 0, 0.002, 0.01, 0.1]),
)
def test_column_by_column_is_check_row_row_by_row(
    rng, required, others, roster, body, units, kind, count, wrong
):
    headers = [*required, *others]
    if roster and "职务" not in headers:
        headers.append("职务")
    rng.shuffle(headers)
    headers.append("爱好")  # the last: a remark column
    grid = []
    allowed = [] if kind is None else [p.value for p in position_rule(kind).allowed]
    for _ in range(count):
        row = clean_row(rng, [None, *allowed[:3]] * 10 + ["代表"])
        cells = [rng.choice(VALUES) if rng.random() < wrong else row[h] for h in headers]
        grid.append(tuple(None if is_blank(value) else value for value in cells))
    rows = [(number, values) for number, values in enumerate(grid, start=2)]
    by_column = list(zip(*grid, strict=True)) if grid else [() for _ in headers]
    context = _context(tuple(headers[:-1]), body, units, kind)
    expected = [check_row(number, values, context) for number, values in rows]
    assert check_rows(rows, by_column, context) == expected


def test_clean_rows_give_the_same_records(tmp_path):
    """Rows with nothing to report take the quick way; their records are check_row's."""
    rows = [
        person(
            姓名=f"张{n}",
            性别="男" if n % 2 else "女",
            身份证号=valid_id(sequence=f"{n:03d}"),
            残疾类别=["视力", None, "多重"][n % 3],
            多重残疾包含类别="视力、听力" if n % 3 == 2 else None,
            残疾等级="一级" if n % 3 == 0 else None,
            残疾人证号=valid_id(sequence=f"{n:03d}") + "41" if n % 3 == 1 else None,
            城乡=["城镇", "农村", None][n % 3],
            自强模范="是" if n % 4 == 0 else "否",
            是否残疾人亲友="是" if n % 5 == 0 else None,
            亲友残疾类别="智力" if n % 5 == 0 else None,
            出生日期=date(1980, 1, 2) if n % 2 else "1980-01-02",
            备注="连任" if n % 7 == 0 else None,
            爱好="读书" if n % 3 == 0 else None,
        )
        for n in range(1, 60)
    ]
    sheet = read(tmp_path, rows)
    assert sheet.counted == 59
    assert not sheet.problems
    assert sheet.records[0].cert_number == valid_id(sequence="001") + "41"
    assert sheet.records[2].remarks == {"爱好": "读书"}
    assert sheet.records[6].remarks == {"备注": "连任"}
    table = read_table(tmp_path / "slate.xlsx", required=())
    context = RowContext(table.columns, table.remark_columns, True, TODAY, None)
    expected = [check_row(number, values, context) for number, values in table.rows]
    assert check_rows(table.rows, table.by_column, context) == expected


def test_a_wrong_value_repeated_down_a_column_names_each_of_its_rows(tmp_path):
    rows = [person(身份证号=valid_id(sequence=f"{n:02d}1")) for n in range(1, 10)]  # men
    for at in (1, 4, 7):  # sheet rows 3, 6 and 9: the same wrong words
        rows[at].update(性别="M", 残疾等级="五级", 城乡="郊区", 自强模范="也许")
    sheet = read(tmp_path, rows)
    wrong = [(row, column, code) for row, column, code in codes(sheet)]
    assert wrong == [
        (row, column, code)
        for row in (3, 6, 9)
        for column, code in (
            ("性别", "gender_invalid"),
            ("残疾等级", "grade_invalid"),
            ("城乡", "value_invalid"),
            ("自强模范", "bool_invalid"),
        )
    ]
    assert all(p.level is Level.ERROR for p in sheet.problems)
    assert [p.params["value"] for p in sheet.problems if p.column == "性别"] == ["M"] * 3
    # Each row's problem is its own object: nothing shared between rows but the words.
    assert len({id(p.params) for p in sheet.problems}) == len(sheet.problems)
    assert sheet.excluded_rows == (3, 6, 9)
    assert [r.row for r in sheet.records] == [2, 4, 5, 7, 8, 10]


@pytest.mark.parametrize(
    "cells",
    [
        [1.0, 1.0, -0.0, 0.0, float("nan"), None, 13800000000.0, 2.5],
        [date(1980, 1, 2), None, date(1980, 1, 2), date(2026, 1, 1)],
        [datetime(1980, 1, 2), datetime(1980, 1, 2, 10, 30), None],
        [True, False, None, True],
        [1.0, 1, True, "1", None],  # equal, of four types: told apart
    ],
)
@pytest.mark.parametrize("reader", [_read_text, _read_flag, _read_birth_date, _read_grade])
def test_a_column_of_one_type_is_read_as_cell_by_cell(cells, reader):
    """A column of one type is read by value alone (issue 18): the same as each cell read."""
    values, doubtful = read_column(cells, reader, len(cells))
    expected = [reader(cell) for cell in cells]
    assert values == [value for value, _ in expected]
    assert doubtful == [at for at, (_, clear) in enumerate(expected) if not clear]
