"""The window's reading in a child process (issue 13 item 2): what the guard cannot know up front
kills the child, and the caller gets a message."""

from __future__ import annotations

import sys

import pytest

from models.domain.errors import DomainError
from models.domain.rules import FileLimits
from models.importing.isolated import read_isolated
from models.importing.slate_reader import read_slate
from tests.test_cli.slate_files import passing_rows, write_slate

from . import hostile

# Limits wide enough to let the far cell through the guard: only the child's cap stops it then.
OPEN = FileLimits(max_rows=10_000_000, max_columns=100_000)


def test_a_child_reads_what_the_process_reads(tmp_path):
    path = write_slate(tmp_path / "slate.xlsx", passing_rows())
    assert read_isolated(read_slate, path, limits=FileLimits(), body="congress") == read_slate(
        path, body="congress"
    )


def test_a_refusal_in_the_child_comes_back_whole(tmp_path):
    with pytest.raises(DomainError) as caught:
        read_isolated(read_slate, tmp_path / "none.xlsx", limits=FileLimits(), body="congress")
    assert caught.value.code == "file_not_found"  # issue 14: not "no Excel table"
    assert caught.value.params["path"] == str(tmp_path / "none.xlsx")
    path = write_slate(tmp_path / "slate.xlsx", passing_rows())
    with pytest.raises(DomainError) as caught:
        read_isolated(read_slate, path, limits=FileLimits(max_rows=3), body="congress")
    assert caught.value.code == "file_too_large"


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="RLIMIT_AS is Linux's")
def test_a_reader_that_aborts_ends_the_child_not_the_caller(tmp_path):
    path = hostile.far_cell(tmp_path / "far.xlsx")
    with pytest.raises(DomainError) as caught:
        read_isolated(read_slate, path, limits=OPEN, memory_cap_mb=1024, body="congress")
    assert caught.value.code == "file_too_large"
    assert "中止" in caught.value.params["detail"]
    # This process is alive and reads on.
    assert read_slate(write_slate(tmp_path / "ok.xlsx", passing_rows()), body="congress").total
