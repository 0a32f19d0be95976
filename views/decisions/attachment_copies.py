"""Where an opened attachment's copy is written: a private folder of this session, deleted on exit.

The system's viewer needs a file, so opening an attachment writes one. Not to a predictable
shared path (`/tmp/yishi-attachments`, readable by every user, where a planted symbolic link
would make Yishi overwrite another file): to a folder `tempfile.mkdtemp` creates for this
session only (mode 0700), each file created exclusively (O_CREAT|O_EXCL, O_NOFOLLOW where the
system has it) under a name `safe_filename` made writable, and the folder removed at exit.
No Qt here: the step panel also removes the folder when the application quits.
"""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QUrl

from models.domain.filenames import safe_filename

PREFIX = "yishi-attachments-"
_FLAGS = (
    os.O_WRONLY
    | os.O_CREAT
    | os.O_EXCL
    | getattr(os, "O_NOFOLLOW", 0)
    | getattr(os, "O_BINARY", 0)
    | getattr(os, "O_CLOEXEC", 0)
)


class AttachmentCopies:
    """The copies of one session; the folder is made on the first copy."""

    def __init__(self, parent: Path | None = None) -> None:
        self._parent = parent
        self._folder: Path | None = None

    @property
    def folder(self) -> Path | None:
        return self._folder

    def write(self, attachment_id: int, filename: str, content: bytes) -> Path:
        """A new file holding `content`, named as the attachment (made safe); opened twice, the
        second copy is "名称 (2).pdf": the first may still be open in a viewer."""
        folder = self._private_folder() / str(int(attachment_id))
        try:
            folder.mkdir(mode=0o700)
        except FileExistsError:
            if folder.is_symlink() or not folder.is_dir():
                raise
        name = safe_filename(filename)
        stem, dot, extension = name.rpartition(".")
        if not dot or not stem:
            stem, extension = name, ""
        for attempt in range(1, 1000):
            candidate = name if attempt == 1 else f"{stem} ({attempt})" + (dot + extension)
            path = folder / candidate
            try:
                descriptor = os.open(path, _FLAGS, 0o600)
            except FileExistsError:
                continue
            with os.fdopen(descriptor, "wb") as file:
                file.write(content)
            return path
        raise FileExistsError(folder / name)

    def clean(self) -> None:
        """Delete the folder and every copy in it (a link inside is removed, never followed)."""
        folder, self._folder = self._folder, None
        if folder is not None:
            shutil.rmtree(folder, ignore_errors=True)

    def _private_folder(self) -> Path:
        if self._folder is None or not self._folder.is_dir():
            # mkdtemp: a new, unpredictable name, created 0700 by this user alone.
            self._folder = Path(tempfile.mkdtemp(prefix=PREFIX, dir=self._parent))
            os.chmod(self._folder, 0o700)
        return self._folder


_session: AttachmentCopies | None = None


def session_copies() -> AttachmentCopies:
    """This process's copies, deleted when it exits."""
    global _session
    if _session is None:
        _session = AttachmentCopies()
        atexit.register(_session.clean)
    return _session


_cleaning: set[int] = set()
_translate = QCoreApplication.translate


def clean_on_quit(copies: AttachmentCopies) -> None:
    """Delete the copies when the application quits (its main window closed), not only at the
    interpreter's exit (atexit), which a killed or frozen process may never reach."""
    app = QCoreApplication.instance()
    if app is None or id(copies) in _cleaning:
        return
    _cleaning.add(id(copies))
    app.aboutToQuit.connect(copies.clean)


def open_copy(
    copies: AttachmentCopies,
    attachment_id: int,
    filename: str,
    content: bytes,
    open_url: Callable[[QUrl], Any],
) -> tuple[Path | None, str | None]:
    """Write a private copy and hand it to the system's viewer: (the copy, a problem to show)."""
    clean_on_quit(copies)
    tr = _translate
    try:
        path = copies.write(attachment_id, filename, content)
    except OSError as exc:
        return None, tr("attachment_copies", "无法打开附件：") + (exc.strerror or str(exc))
    if not open_url(QUrl.fromLocalFile(str(path))):
        return path, tr("attachment_copies", "没有能打开此类文件的程序；文件已保存在 %1").replace(
            "%1", str(path)
        )
    return path, None
