"""Whatever a nominating unit types into any column, reading yields problems, never an exception."""

from __future__ import annotations

import tempfile
from datetime import date, datetime, time
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from models.domain.errors import Level
from models.importing.rejected import write_rejected
from models.importing.slate_reader import read_slate

from .helpers import ALL_HEADERS, TODAY, rendered, valid_id, write_slate

# Words the checks know, so that generated rows also reach the deeper checks.
KNOWN_WORDS = [
    "张三",
    "男",
    "女",
    "是",
    "否",
    "Y",
    "n",
    "√",
    "×",
    "视力",
    "多重",
    "精神残疾",
    "盲",
    "一级",
    "4",
    "五级",
    "城镇",
    "农村",
    "正式",
    "特邀",
    "视力、听力",
    "1980-01-02",
    "19800102",
    "1980年1月2日",
    "2026/13/01",
    valid_id(),
    valid_id().lower(),
    valid_id(sequence="124"),
    valid_id() + "72",
    valid_id() + "41",
    valid_id() + "99",
    "110109800102123",
    "大峪街道",
]
printable_text = st.text(max_size=30).map(lambda text: ILLEGAL_CHARACTERS_RE.sub("", text))
weird_text = st.text(
    alphabet=st.sampled_from("０１２３４５６７８９Ｘｘ　 \u200b\ufeff\u0301﹡＊（必填）𠀀🙂ⅷ㊿"),
    max_size=20,
)
cell = st.one_of(
    st.none(),
    st.sampled_from(KNOWN_WORDS),
    printable_text,
    weird_text,
    st.integers(min_value=-(10**20), max_value=10**20),
    st.floats(allow_nan=False, allow_infinity=False, width=64),
    st.booleans(),
    st.dates(min_value=date(1900, 3, 1), max_value=date(2100, 1, 1)),
    st.datetimes(min_value=datetime(1900, 3, 1), max_value=datetime(2100, 1, 1)),
    st.times().map(lambda value: time(value.hour, value.minute, value.second)),
)
row = st.none() | st.fixed_dictionaries({}, optional=dict.fromkeys(ALL_HEADERS, cell))


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(rows=st.lists(row, max_size=6), body=st.sampled_from(["congress", "presidium"]))
def test_any_cells_give_problems_not_exceptions(rows, body) -> None:
    with tempfile.TemporaryDirectory() as folder:
        source = write_slate(Path(folder) / "slate.xlsx", rows, headers=ALL_HEADERS)
        sheet = read_slate(source, body=body, today=TODAY, known_units=["大峪街道"])
        assert sheet.total == len(sheet.raw_rows) <= len(rows)
        assert sheet.counted + len(sheet.excluded_rows) == sheet.total
        rows_read = {number for number, _ in sheet.raw_rows}
        errors = {p.row for p in sheet.problems if p.level is Level.ERROR}
        assert errors == set(sheet.excluded_rows) <= rows_read
        assert {record.row for record in sheet.records} == rows_read - errors
        cells = [(p.row, p.column) for p in sheet.problems]
        assert len(cells) == len(set(cells)), "one cell gets one code"
        assert cells == sorted(cells, key=lambda rc: (rc[0], ALL_HEADERS.index(rc[1])))
        for problem in sheet.problems:
            rendered(problem)
        for record in sheet.records:
            assert record.name and record.gender is not None and record.id_number
        if sheet.excluded_rows:
            again = read_slate(write_rejected(sheet, source), body=body, today=TODAY)
            assert again.total == len(sheet.excluded_rows)
