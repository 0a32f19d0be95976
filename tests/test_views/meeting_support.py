"""What the meeting window tests share: opening the list and an editor, and reading the core."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from PySide6.QtCore import QItemSelection, QItemSelectionModel
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QMessageBox
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from models.services.common.changes import Changes, Outcome
from models.services.meetings.contracts import MeetingDetail
from models.services.meetings.queries import get_meeting
from models.services.papers.contracts import PaperFormat, PaperRequest
from views.meetings.meeting_editor import MeetingEditor
from views.meetings.meeting_list import MeetingList

from .helpers import SHOT_DIR_ENV, ModalAnswerer, WindowHarness, type_text

COUNCIL_7 = [f"第七届执行理事会第{n}次会议" for n in ("九", "十", "十一", "十二", "十三", "十四")]


def saved(h: WindowHarness, meeting_id: int | None) -> MeetingDetail:
    """The meeting as the core has it now (what a reload would show)."""
    assert meeting_id is not None
    return get_meeting(h.window.ctx.db, meeting_id=meeting_id)


def open_list(h: WindowHarness, body: str, term: str | None = None) -> MeetingList:
    h.choose(body)
    if term is not None:
        h.choose_term(term)
    assert h.window.meetings_action.isEnabled()
    window = h.window.open_meetings()
    assert isinstance(window, MeetingList)
    h.idle()
    return window


def shot_image(image: QImage, name: str) -> None:
    """A rendered page for a human to look at, when YISHI_SHOT_DIR is set."""
    folder = os.environ.get(SHOT_DIR_ENV)
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        image.save(str(Path(folder) / f"{name}.png"))


def select_rows(view: Any, rows: list[int]) -> None:
    """Select exactly these rows, whatever modifier keys an earlier key click left behind."""
    model, selection = view.model(), QItemSelection()
    for row in rows:
        selection.select(model.index(row, 0), model.index(row, model.columnCount() - 1))
    view.selectionModel().select(selection, QItemSelectionModel.SelectionFlag.ClearAndSelect)
    view.selectionModel().setCurrentIndex(
        model.index(rows[0], 0), QItemSelectionModel.SelectionFlag.NoUpdate
    )


def ready(h: WindowHarness, editor: MeetingEditor) -> MeetingEditor:
    h.idle()
    # No question on close at the end of a test: the test decides what is saved.
    editor.confirm_discard = lambda: True  # type: ignore[method-assign]
    return editor


def open_meeting(h: WindowHarness, window: MeetingList, title: str) -> MeetingEditor:
    row = next(r for r in range(window.model.rowCount()) if window.model.meeting(r).title == title)
    window.table.selectRow(row)
    editor = window.open_meeting()
    assert editor is not None
    return ready(h, editor)


def plan_council_meeting(h: WindowHarness, window: MeetingList) -> MeetingEditor:
    editor = ready(h, window.new_meeting())
    type_text(h.qtbot, editor.header.place, "区残联三楼会议室")
    editor.header.start_time.setText("9:30")
    editor.agenda.add_item()
    model = editor.agenda.model
    model.setData(model.index(0, 2), "审议2026年第四季度工作安排")
    editor.save()
    h.idle()
    h.qtbot.waitUntil(lambda: editor.bench is not None, timeout=20_000)
    return editor


def answer_yes(modal: Any) -> None:
    modal.button(QMessageBox.StandardButton.Yes).click()


def with_modals(answerer: ModalAnswerer, action: Any) -> None:
    answerer.start()
    try:
        action()
    finally:
        answerer.stop()


def fake_writer(calls: list[dict[str, Any]]) -> Any:
    """Stands in for views.ops.papers.write_paper: a one-page PDF, or an empty DOCX file."""

    def write_paper(
        _ctx: Any, *, request: PaperRequest, fmt: PaperFormat, path: Path
    ) -> Outcome[list[str]]:
        calls.append({**vars(request), "fmt": fmt, "path": path})
        if fmt == "pdf":
            pdf = canvas.Canvas(str(path), pagesize=A4)
            pdf.drawString(100, 700, request.paper)
            pdf.showPage()
            pdf.save()
        else:
            path.write_bytes(b"docx")
        return Outcome(["测试提醒"], Changes())

    return write_paper
