"""Files a clerk may hand over: old .xls, misnamed, broken, protected — a DomainError, never a crash."""

from __future__ import annotations

import random
import shutil
from datetime import date
from pathlib import Path

import pytest

from models.domain.errors import DomainError
from models.importing.slate_reader import read_slate

from .helpers import DATA, TODAY, codes, person, valid_id, write_slate

OLE2 = bytes.fromhex("D0CF11E0A1B11AE1")


def _error(path: Path) -> DomainError:
    with pytest.raises(DomainError) as caught:
        read_slate(path, body="congress", today=TODAY)
    assert caught.value.params["path"] == str(path)
    return caught.value


def test_a_real_xls_file(tmp_path: Path) -> None:
    """slate.xls was written by xlwt (see data/make_fixtures.py): BIFF8, as Excel 2003 saves."""
    sheet = read_slate(DATA / "slate.xls", body="congress", today=TODAY)
    assert sheet.sheet_name == "名单" and sheet.header_row == 2
    assert sheet.total == 2
    record = sheet.records[0]
    assert (record.row, record.name, record.id_number) == (3, "张三", valid_id())
    assert record.birth_date == date(1980, 1, 2)
    assert codes(sheet) == [(4, "身份证号", "id_numeric_cell")]


def test_an_xls_saved_under_an_xlsx_name_and_the_reverse(tmp_path: Path) -> None:
    misnamed = tmp_path / "old.xlsx"
    shutil.copy(DATA / "slate.xls", misnamed)
    assert read_slate(misnamed, body="congress", today=TODAY).total == 2
    new = write_slate(tmp_path / "new.xlsx", [person()])
    renamed = new.rename(tmp_path / "new.xls")
    assert read_slate(renamed, body="congress", today=TODAY).counted == 1


def test_a_renamed_csv(tmp_path: Path) -> None:
    path = tmp_path / "slate.xlsx"
    path.write_text(f"姓名,性别,身份证号\n张三,男,{valid_id()}\n", encoding="utf-8")
    assert _error(path).code == "file_unreadable"
    csv_as_xls = tmp_path / "slate.xls"
    shutil.copy(path, csv_as_xls)
    assert _error(csv_as_xls).code == "file_unreadable"


def test_a_csv_with_its_own_extension(tmp_path: Path) -> None:
    path = tmp_path / "slate.csv"
    path.write_text("姓名,性别\n", encoding="utf-8")
    assert _error(path).code == "file_unreadable"


@pytest.mark.parametrize("keep", [0.3, 0.6, 0.95])
def test_a_truncated_xlsx(tmp_path: Path, keep: float) -> None:
    whole = write_slate(tmp_path / "whole.xlsx", [person()] * 50).read_bytes()
    path = tmp_path / "cut.xlsx"
    path.write_bytes(whole[: int(len(whole) * keep)])
    assert _error(path).code == "file_unreadable"


def test_an_empty_file(tmp_path: Path) -> None:
    path = tmp_path / "empty.xlsx"
    path.write_bytes(b"")
    assert _error(path).code == "file_unreadable"


@pytest.mark.parametrize("suffix", [".xlsx", ".xls"])
def test_random_bytes(tmp_path: Path, suffix: str) -> None:
    path = tmp_path / f"noise{suffix}"
    path.write_bytes(random.Random(11643).randbytes(20_000))
    assert _error(path).code == "file_unreadable"


def test_zip_that_is_no_workbook(tmp_path: Path) -> None:
    import zipfile

    path = tmp_path / "archive.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("readme.txt", "not a workbook")
    assert _error(path).code == "file_unreadable"


def test_a_missing_file_and_a_folder(tmp_path: Path) -> None:
    # issue 14: each says what it is, not "no valid Excel table"
    assert _error(tmp_path / "nowhere.xlsx").code == "file_not_found"
    folder = tmp_path / "folder.xlsx"
    folder.mkdir()
    assert _error(folder).code == "file_is_folder"


def test_an_ole2_file_named_xlsx_is_taken_for_a_protected_workbook(tmp_path: Path) -> None:
    path = tmp_path / "locked.xlsx"
    path.write_bytes(OLE2 + bytes(4096))
    assert _error(path).code == "file_encrypted"


def test_an_ole2_file_named_xls_that_is_no_workbook_is_unreadable(tmp_path: Path) -> None:
    path = tmp_path / "broken.xls"
    path.write_bytes(OLE2 + bytes(4096))
    assert _error(path).code == "file_unreadable"


@pytest.mark.parametrize("name", ["encrypted.xlsx", "encrypted.xls"])
def test_a_real_password_protected_workbook(tmp_path: Path, name: str) -> None:
    """encrypted.xlsx was protected with msoffcrypto-tool (see data/make_fixtures.py)."""
    path = tmp_path / name
    shutil.copy(DATA / "encrypted.xlsx", path)
    assert _error(path).code == "file_encrypted"


def test_errors_carry_no_chained_traceback(tmp_path: Path) -> None:
    path = tmp_path / "empty.xlsx"
    path.write_bytes(b"")
    error = _error(path)
    assert error.__cause__ is None
    assert error.__context__ is None or error.__suppress_context__
