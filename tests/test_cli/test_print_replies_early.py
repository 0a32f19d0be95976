"""`print replies` starts its first writer before the data layer: same letters, and a refused
batch ends it with nothing written."""

from __future__ import annotations

import multiprocessing
from pathlib import Path

import pytest

from desktop.cli import printing
from models.services.papers import _pool, writers
from tests.test_documents.conftest import pdf_text

from .helpers import run_cli


def _letters(folder: Path) -> dict[str, list[str]]:
    return {path.name: pdf_text(path, "-layout") for path in sorted(folder.iterdir())}


def _print(capsys, demo, folder: Path, *extra: str):
    return run_cli(
        capsys, "--database", demo.url, "print", "replies", "--format", "pdf", "-o", str(folder),
        *extra,
    )  # fmt: skip


def test_the_early_writers_write_what_the_calling_thread_writes(
    capsys, demo, tmp_path, monkeypatch
):
    handed: list[object] = []
    real = printing.write_reply_letters

    def spy(*args, **kwargs):
        handed.append(kwargs["writers"])
        return real(*args, **kwargs)

    if _pool._pool_size() == 0:
        pytest.skip("no forking pool here (one core, Windows, or other threads running)")
    monkeypatch.setattr(_pool, "_pool_size", lambda: 0)  # every letter in the calling thread
    serial = _print(capsys, demo, tmp_path / "serial")
    assert serial.code == 0, serial.err
    monkeypatch.undo()
    monkeypatch.setattr(printing, "write_reply_letters", spy)
    monkeypatch.setattr(_pool, "POOL_FROM", 2)  # the demo's few letters make a batch
    monkeypatch.setattr(_pool, "CHUNK", 1)
    early = _print(capsys, demo, tmp_path / "early")
    assert early.code == 0, early.err
    assert isinstance(handed[-1], _pool.Writers)  # started by the command line, then handed on
    assert serial.err == early.err  # progress, letter by letter
    assert serial.out.replace("serial", "early") == early.out  # how many, and the warnings
    letters = _letters(tmp_path / "early")
    assert len(letters) > 2 and letters == _letters(tmp_path / "serial")
    assert not multiprocessing.active_children()


@pytest.mark.parametrize("case", ["no such term", "an option of another paper", "a file"])
def test_a_refused_batch_ends_the_early_writer_and_writes_nothing(
    capsys, demo, tmp_path, monkeypatch, case
):
    started: list[_pool.Writers] = []

    def spy(fmt, fonts_dir):
        started.append(writers.Writers(fmt, fonts_dir, roles=writers.LETTER_FACES))
        return started[-1]

    if _pool._pool_size() == 0:
        pytest.skip("no forking pool here (one core, Windows, or other threads running)")
    monkeypatch.setattr(writers, "reply_letter_writers", spy)
    folder = tmp_path / "letters"
    extra = {"no such term": ("--term", "99"), "an option of another paper": ("--meeting", "3")}
    if case == "a file":
        folder.write_text("不是文件夹")
    result = _print(capsys, demo, folder, *extra.get(case, ()))
    assert result.code == 2 and "已生成" not in result.out
    assert started and started[0].first is None  # it was started, and it has been stopped
    assert not multiprocessing.active_children()
    if case == "a file":
        assert folder.read_text() == "不是文件夹"
    else:
        assert not folder.exists()
