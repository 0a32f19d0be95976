"""Opened attachments: a private folder per session, exclusive files, no link followed, cleaned up."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from views.decisions.attachment_copies import AttachmentCopies

posix_only = pytest.mark.skipif(os.name != "posix", reason="modes and links as on Linux")


@pytest.fixture
def copies(tmp_path):
    made = AttachmentCopies(parent=tmp_path)
    yield made
    made.clean()


@posix_only
def test_the_folder_is_private_and_unpredictable(copies, tmp_path):
    path = copies.write(7, "论证意见.pdf", b"%PDF")
    folder = copies.folder
    assert folder is not None and folder.parent == tmp_path
    assert folder.name != "yishi-attachments" and folder.name.startswith("yishi-attachments-")
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert path == folder / "7" / "论证意见.pdf" and path.read_bytes() == b"%PDF"
    other = AttachmentCopies(parent=tmp_path)
    assert other.write(7, "论证意见.pdf", b"x").parent.parent != folder
    other.clean()


@posix_only
def test_a_planted_link_is_never_followed(copies, tmp_path):
    victim = tmp_path / "victim.txt"
    victim.write_text("keep me")
    first = copies.write(1, "报告.pdf", b"one")
    first.unlink()
    first.symlink_to(victim)  # planted where the next copy of the same name would go
    second = copies.write(1, "报告.pdf", b"two")
    assert victim.read_text() == "keep me"
    assert second.name == "报告 (2).pdf" and second.read_bytes() == b"two"
    # A link planted as an attachment's folder is refused, not written through.
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    assert copies.folder is not None
    (copies.folder / "2").symlink_to(elsewhere)
    with pytest.raises(OSError):
        copies.write(2, "报告.pdf", b"three")
    assert list(elsewhere.iterdir()) == []


@posix_only
def test_the_old_shared_path_is_not_used(tmp_path, monkeypatch):
    """A link planted at the old predictable /tmp/yishi-attachments leads nowhere now."""
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    target = tmp_path / "target"
    target.mkdir()
    (tmp_path / "yishi-attachments").symlink_to(target)
    copies = AttachmentCopies()
    path = copies.write(3, "a.pdf", b"x")
    assert path.is_relative_to(tmp_path) and "yishi-attachments-" in str(path)
    assert list(target.iterdir()) == []
    copies.clean()


@pytest.mark.parametrize(
    ("stored", "written"),
    [("..", "附件"), ("../../x.pdf", "x.pdf"), ("CON.txt", "_CON.txt"), ("nul", "_nul")],
)
def test_hostile_names_stay_inside_the_folder(copies, stored, written):
    path = copies.write(5, stored, b"x")
    assert copies.folder is not None
    assert path.parent == copies.folder / "5" and path.name == written
    assert path.read_bytes() == b"x"


def test_opened_twice_the_first_copy_stays(copies):
    first = copies.write(4, "纪要.docx", b"1")
    second = copies.write(4, "纪要.docx", b"2")
    assert (first.name, second.name) == ("纪要.docx", "纪要 (2).docx")
    assert first.read_bytes() == b"1"


def test_clean_removes_every_copy_and_the_next_copy_gets_a_new_folder(copies, tmp_path):
    victim = tmp_path / "victim.txt"
    victim.write_text("keep me")
    copies.write(1, "a.pdf", b"x")
    folder = copies.folder
    assert folder is not None
    if os.name == "posix":
        (folder / "link").symlink_to(victim)
    copies.clean()
    assert not folder.exists() and victim.read_text() == "keep me"
    again = copies.write(1, "a.pdf", b"y")
    assert again.exists() and copies.folder != folder


def test_the_session_copies_are_deleted_when_the_process_exits(tmp_path):
    script = (
        f"import tempfile; tempfile.tempdir = {str(tmp_path)!r}\n"
        "from views.decisions.attachment_copies import session_copies\n"
        "print(session_copies().write(9, 'a.pdf', b'x'))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=Path(__file__).resolve().parents[2],
        check=True,
    )
    written = Path(done.stdout.strip())
    assert written.is_relative_to(tmp_path)
    assert not written.exists() and list(tmp_path.iterdir()) == []


def test_the_step_panel_opens_a_private_copy_and_cleans_it_on_quit(qtbot, tmp_path, monkeypatch):
    from models.services.decisions.contracts import AttachmentFile
    from views.decisions import attachment_copies, step_panel

    panel = step_panel.StepPanel(None, None, on_saved=lambda d: None, report=lambda t: None)
    qtbot.addWidget(panel)
    panel.copies = AttachmentCopies(parent=tmp_path)
    opened: list[str] = []
    panel.open_url = lambda url: opened.append(url.toLocalFile()) or True
    connected: list[object] = []
    monkeypatch.setattr(attachment_copies, "_cleaning", set())
    monkeypatch.setattr(
        attachment_copies,
        "QCoreApplication",
        type("App", (), {"instance": staticmethod(lambda: Fake)}),
    )

    class Fake:
        class aboutToQuit:  # stands in for the signal
            @staticmethod
            def connect(slot: object) -> None:
                connected.append(slot)

    panel._write_and_open(11, AttachmentFile(filename="../CON.pdf", content=b"%PDF"))
    assert opened and Path(opened[0]).name == "_CON.pdf"
    assert Path(opened[0]).is_relative_to(tmp_path)
    assert connected == [panel.copies.clean]  # the copies go when the application quits
