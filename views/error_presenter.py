"""Turning any error from the core into a Chinese sentence and a dialog the clerk can act on.

An expected failure (a refusal, a file, an unusable database, a conflicting write) is its message;
anything else is a bug: a crash report is saved once per error (ID numbers masked, SQL parameters
removed, `models/store/failures.py`) and the clerk sees `unexpected_failure` with its path. The
window stays open either way (issue 13 item 4).
"""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Callable, Mapping
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QApplication, QWidget

from models.domain.errors import DomainError

if TYPE_CHECKING:
    from PySide6.QtWidgets import QMessageBox

_REPORT_ATTRIBUTE = "_yishi_crash_report"


def message(code: str, params: Mapping[str, object] | None = None) -> str:
    """The core's sentence for a code: the table is read on the first error, not at start-up."""
    from models.domain.messages import message as sentence

    return sentence(code, params)


class _CrashReports:
    """Where reports go: desktop/gui.py installs the data folder (views cannot import desktop)."""

    folder: Callable[[], Path] | None = None
    version: Callable[[], str] = staticmethod(lambda: "0.0.0")


def install_crash_reports(folder: Callable[[], Path], version: Callable[[], str]) -> None:
    """Both are called only when a report is written: nothing is looked up at start-up."""
    _CrashReports.folder, _CrashReports.version = folder, version


class PresentedError(DomainError):
    """What a window's error handler receives from the Runner: a refusal whose str() is its
    Chinese message, so that even a handler showing `str(error)` shows a sentence; the original
    exception is its __cause__."""

    def __str__(self) -> str:
        return message(self.code, self.params)


def crash_report_for(error: BaseException) -> Path | None:
    """The report of this error, written on first asking; None when it cannot be saved."""
    saved = getattr(error, _REPORT_ATTRIBUTE, None)
    if isinstance(saved, Path):
        return saved
    from models.store.failures import save_crash_report

    if _CrashReports.folder is None:
        return None
    try:
        path = save_crash_report(error, _CrashReports.folder(), version=_CrashReports.version())
    except Exception:
        return None
    with contextlib.suppress(AttributeError):  # a type with __slots__: a report per asking
        setattr(error, _REPORT_ATTRIBUTE, path)
    return path


def presented(error: BaseException) -> DomainError:
    """The refusal to show for `error`: a DomainError as it is (a database one made plain), an
    expected failure as its refusal, a bug as `unexpected_failure` with its saved report."""
    from models.store.failures import refusal, scrub

    refused = refusal(error)
    if isinstance(refused, DomainError) and refused is error:
        return refused
    if refused is not None:
        params = {k: scrub(v) if isinstance(v, str) else v for k, v in refused.params.items()}
        result = PresentedError(refused.code, field=refused.field, **params)
    else:
        report = crash_report_for(error)
        if report is None:
            result = PresentedError("unexpected_failure_unsaved", detail="无法写入数据文件夹")
        else:
            result = PresentedError("unexpected_failure", path=str(report))
    result.__cause__ = error
    return result


def describe(error: BaseException) -> str:
    refused = presented(error)
    return message(refused.code, refused.params)


def show_error(parent: QWidget | None, error: BaseException, title: str = "无法完成操作") -> None:
    from PySide6.QtWidgets import QMessageBox  # see show_uncaught

    box = QMessageBox(
        QMessageBox.Icon.Warning, title, describe(error), QMessageBox.StandardButton.Ok, parent
    )
    box.setAccessibleName(title)
    box.exec()


def show_uncaught(error: BaseException) -> QMessageBox:
    """An error no handler caught (a slot raised): said in a box that does not block the loop,
    over the active window; the window keeps running.

    QMessageBox is imported here, not with the module: PySide makes the class on first use
    (~0.6 ms), and the window imports this module before its first paint."""
    from PySide6.QtWidgets import QMessageBox

    parent = QApplication.activeWindow()
    title = "程序遇到意外错误"
    box = QMessageBox(
        QMessageBox.Icon.Critical, title, describe(error), QMessageBox.StandardButton.Ok, parent
    )
    box.setObjectName("uncaught_error")
    box.setAccessibleName(title)
    from PySide6.QtCore import Qt  # not at import: see views/qt_values.py

    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    box.open()
    return box


def excepthook(
    kind: type[BaseException], error: BaseException, traceback: TracebackType | None
) -> None:
    """sys.excepthook while the window runs: Qt calls it for an exception raised in a slot."""
    if issubclass(kind, KeyboardInterrupt) or QApplication.instance() is None:
        sys.__excepthook__(kind, error, traceback)
        return
    if traceback is not None and error.__traceback__ is None:
        error = error.with_traceback(traceback)
    try:
        show_uncaught(error)
    except Exception:  # never a loop of failures: the report, at least, was attempted
        sys.stderr.write(
            f"yishi: {message('unexpected_failure_unsaved', {'detail': kind.__name__})}\n"
        )
