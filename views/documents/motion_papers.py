"""The motion papers from the motions window and a motion's window, each in the same preview as
the minutes (打印, 另存为 PDF, 另存为 Word): 提案表, 交办单, 答复函, 汇总表 and the blank 提案表.

A paper the motion does not have yet (no 交办单 before 交办, no 答复函 before 答复) is refused
by the core in words; the preview never opens on a wrong paper.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QMenu, QPushButton, QWidget

from models.services.papers.contracts import PAPER_NAMES, PaperKind, PaperRequest
from views.background import Runner
from views.documents.papers import open_paper
from views.permissions import gate

if TYPE_CHECKING:
    from models.services.common.context import AppContext
    from views.documents.preview import PaperPreview

# The papers of one motion, in the order a motion needs them.
MOTION_PAPERS = (PaperKind.MOTION_FORM, PaperKind.ASSIGNMENT_SLIP, PaperKind.REPLY)


def open_motion_paper(
    parent: QWidget,
    runner: Runner,
    ctx: AppContext,
    paper: PaperKind,
    *,
    motion_id: int | None = None,
    on_shown: Callable[[PaperPreview], None] | None = None,
) -> None:
    """One motion's paper (motion_id), the term's 汇总表, or the blank 提案表 (no motion_id)."""
    if paper in MOTION_PAPERS and motion_id is not None:
        request = PaperRequest(paper, motion_id=motion_id)
        title = PAPER_NAMES[paper]
    elif paper is PaperKind.MOTION_FORM:
        request, title = PaperRequest(paper, blank=True), parent.tr("空白提案表")
    else:
        request, title = PaperRequest(paper), PAPER_NAMES[paper]
    open_paper(parent, runner, ctx, request, title, on_shown=on_shown)


def motion_papers_button(
    parent: QWidget,
    runner: Runner,
    ctx: AppContext,
    motion_id: Callable[[], int | None],
    *,
    term_papers: bool,
) -> QPushButton:
    """打印(&R)… with a menu: the selected motion's papers (disabled without one), and with
    `term_papers` also the term's 汇总表 and the blank 提案表."""
    button = QPushButton(parent.tr("预览打印(&R)"))
    button.setAccessibleName(parent.tr("预览打印"))
    button.setToolTip(parent.tr("在预览中打开提案的文书，可打印、另存为 PDF 或 Word"))
    menu = QMenu(button)
    menu.setAccessibleName(parent.tr("提案文书"))
    labels = {
        PaperKind.MOTION_FORM: parent.tr("提案表(&F)"),
        PaperKind.ASSIGNMENT_SLIP: parent.tr("交办单(&S)"),
        PaperKind.REPLY: parent.tr("答复函(&L)"),
    }
    per_motion = []
    for paper in MOTION_PAPERS:
        action = menu.addAction(labels[paper])
        action.triggered.connect(
            lambda _=False, p=paper: open_motion_paper(
                parent, runner, ctx, p, motion_id=motion_id()
            )
        )
        per_motion.append(action)
    if term_papers:
        menu.addSeparator()
        summary = menu.addAction(parent.tr("本届提案办理情况汇总表(&M)"))
        summary.triggered.connect(
            lambda: open_motion_paper(parent, runner, ctx, PaperKind.MOTION_SUMMARY)
        )
        blank = menu.addAction(parent.tr("空白提案表(&B)"))
        blank.triggered.connect(
            lambda: open_motion_paper(parent, runner, ctx, PaperKind.MOTION_FORM)
        )

    def about_to_show() -> None:
        chosen = motion_id() is not None
        for action in per_motion:
            action.setEnabled(chosen)

    menu.aboutToShow.connect(about_to_show)
    button.setMenu(menu)
    gate(button, ctx, "papers.print")  # the whole menu: every entry prints
    return button
