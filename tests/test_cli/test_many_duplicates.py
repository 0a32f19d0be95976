"""One ID copied into thousands of rows: each row problem names a few others, never all of them,
so the output grows with the rows, not with their square (issue 13, item 3)."""

from __future__ import annotations

import time
from pathlib import Path

from openpyxl import Workbook

from models.domain.messages import message

from .slate_commands import check_slate
from .slate_files import person, valid_id

HEADERS = ("姓名", "性别", "身份证号", "选举单位")


def _copies(path: Path, count: int) -> Path:
    """`count` rows of one person, written streaming (a 105 KB file for 5,000)."""
    book = Workbook(write_only=True)
    sheet = book.create_sheet("名单")
    sheet.append(list(HEADERS))
    row = [person(0)[header] for header in HEADERS]
    for _ in range(count):
        sheet.append(row)
    book.save(path)
    return path


def test_five_thousand_copies_of_one_id_give_a_small_answer(capsys, tmp_path: Path) -> None:
    path = _copies(tmp_path / "copies.xlsx", 5000)
    started = time.perf_counter()
    result = check_slate(capsys, path, "--json")
    elapsed = time.perf_counter() - started
    assert result.code == 1, result.err
    # 170 MB before; now about 220 bytes a row.
    assert len(result.out.encode()) < 3_000_000
    assert elapsed < 60
    payload = result.json()
    errors = [p for p in payload["row_errors"] if p["code"] == "dup_id"]
    assert len(errors) == 5000
    first, last = errors[0], errors[-1]
    assert (first["row"], last["row"]) == (2, 5001)
    assert "与第 3、4、5 行等共 4,999 行重复" in first["message"]
    assert "与第 2、3、4 行等共 4,999 行重复" in last["message"]
    assert valid_id(0) not in result.out  # the ID masked, as before


def test_twenty_thousand_copies_do_not_run_out_of_memory(capsys, tmp_path: Path) -> None:
    path = _copies(tmp_path / "copies.xlsx", 20000)
    result = check_slate(capsys, path, "--json")
    assert result.code == 1, result.err
    assert "Traceback" not in result.err and "MemoryError" not in result.err
    assert len(result.out.encode()) < 10_000_000
    assert len(result.json()["row_errors"]) == 20000


def test_a_few_copies_name_every_other_row() -> None:
    params = {"id_number": "110101********1234", "rows": "2、5", "count": 2}
    assert message("dup_id", params) == (
        "身份证号 110101********1234 与第 2、5 行重复，同一人只能填一行。"
    )
    params = {"id_number": "110101********1234", "rows": "2、5、9", "count": 3}
    assert "与第 2、5、9 行重复" in message("dup_id", params)
    params = {"id_number": "110101********1234", "rows": "2、5、9", "count": 4}
    assert "与第 2、5、9 行等共 4 行重复" in message("dup_id", params)
