"""A spreadsheet path that names nothing, or a folder, says so (issue 14, item 9)."""

from __future__ import annotations

from pathlib import Path

import pytest

from models.domain.errors import DomainError
from models.domain.messages import message
from models.importing.workbook import open_workbook

from .slate_commands import check_slate, unusable


def test_a_missing_workbook_is_not_found_not_an_invalid_table(tmp_path: Path):
    with pytest.raises(DomainError) as caught:
        open_workbook(tmp_path / "nowhere.xlsx")
    assert caught.value.code == "file_not_found"
    text = message(caught.value.code, caught.value.params)
    assert "找不到文件" in text and "nowhere.xlsx" in text


def test_a_folder_given_as_a_workbook_says_it_is_a_folder(tmp_path: Path):
    folder = tmp_path / "名单.xlsx"
    folder.mkdir()
    with pytest.raises(DomainError) as caught:
        open_workbook(folder)
    assert caught.value.code == "file_is_folder"
    assert "是一个文件夹" in message(caught.value.code, caught.value.params)


def test_the_command_line_says_file_not_found_and_folder(capsys, tmp_path: Path):
    missing = unusable(check_slate(capsys, tmp_path / "nowhere.xlsx", "--json"), "file_unreadable")
    assert missing.startswith("找不到文件") and "不是有效的 Excel" not in missing
    plain = check_slate(capsys, tmp_path / "nowhere.xlsx")
    assert plain.code == 2 and "找不到文件" in plain.err
    folder = unusable(check_slate(capsys, tmp_path, "--json"), "file_unreadable")
    assert "是一个文件夹" in folder
