"""新建提案, 编辑 and 重新提交 in the window, on a day-one database (no demo); and the acceptance
chain: `yishi motions add`, then review, 立案, 交办, 签收, 办理, 答复 in the window, and the
答复函 written by the window's 批量打印答复函."""

from __future__ import annotations

import contextlib
import io
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence

from desktop.__main__ import main
from models.domain.motion_texts import split_body
from models.domain.motion_workflow import MotionAction, MotionState
from models.services.motions.commands.entry import add_motion
from models.services.motions.commands.intake import advance_motion
from models.services.motions.commands.units import add_handling_unit
from models.services.motions.contracts import MotionDraft
from models.store.engine import create_database_engine
from models.store.unit_of_work import Database
from tests.test_services._motions_day_one import DayOne, build_day_one
from views.motions.handling_forms import AssignForm
from views.motions.motion_form import Mode, MotionEntryForm
from views.motions.motion_list import MotionList
from views.motions.reply_dialog import ReplyForm

from .helpers import ModalAnswerer, WindowHarness, sqlite_url, unnamed_focusable
from .test_motion_bulk import wait_job
from .test_motions import motion, open_list

SHOTS = Path("/tmp/shots")


@pytest.fixture
def day_one(tmp_path: Path) -> tuple[Path, DayOne]:
    path = tmp_path / "office.sqlite3"
    with contextlib.redirect_stdout(io.StringIO()):
        assert main(["db", "upgrade", "--database", sqlite_url(path)]) == 0
    engine = create_database_engine(sqlite_url(path))
    try:
        db = Database(engine)
        federation = build_day_one(db)
        add_handling_unit(db, user="setup", name="区住房城乡建设委")
        return path, federation
    finally:
        engine.dispose()


@pytest.fixture
def db_path(day_one: tuple[Path, DayOne]) -> Path:
    return day_one[0]


def open_entry(h: WindowHarness, window: MotionList) -> MotionEntryForm:
    # The window's Ctrl+N action (a synthetic key press would leave Ctrl held for later tests).
    [new] = [a for a in window.actions() if a.shortcut() == QKeySequence.StandardKey.New]
    new.trigger()
    h.idle()
    form = window.entry_form
    assert isinstance(form, MotionEntryForm) and form.isVisible()
    h.qtbot.waitUntil(lambda: form.ok_button().isEnabled(), timeout=20_000)
    return form


def select_only_row(window: MotionList) -> None:
    """The list selects its first row on loading; selecting it again would toggle it off."""
    if window.selected() is None:
        window.table.selectRow(0)
    assert window.selected() is not None


def test_new_motion_form_enters_a_submitted_motion(harness: WindowHarness, day_one) -> None:
    _path, f = day_one
    window = open_list(harness)
    window.activateWindow()
    form = open_entry(harness, window)
    assert unnamed_focusable(form) == []
    assert form.term.value() == 8 and form.proposer.count() == 1 + 5
    form.search.setText("wf")
    assert form.proposer.currentData() == f.members["王芳"]
    visible = [
        form.co_signers.item(i).text()
        for i in range(form.co_signers.count())
        if not form.co_signers.item(i).isHidden()
    ]
    assert visible == ["王芳"]
    texts = [form.co_signers.item(i).text() for i in range(form.co_signers.count())]
    assert sum("张伟（人员编号" in t for t in texts) == 2  # the two 张伟 told apart
    form.search.clear()
    form.set_co_signer(f.members["李娜"])
    form.category.setCurrentIndex(form.category.findData("无障碍"))
    form.cause.setPlainText("老旧小区缺少坡道")
    form.proposals.setPlainText("列入年度改造计划")
    form.ok_button().click()  # no title: refused by the service, the field named, input kept
    harness.idle()
    assert form.isVisible() and "提案标题" in form.message.text()
    assert form.title_edit.property("invalid") is True
    form.title_edit.setText("加快社区无障碍设施改造")
    SHOTS.mkdir(exist_ok=True)
    form.grab().save(str(SHOTS / "new_motion.png"))
    form.ok_button().click()
    harness.idle()
    harness.idle()
    assert not form.isVisible()
    [row] = [window.model.motion(r) for r in range(window.model.rowCount())]
    assert row.state is MotionState.SUBMITTED and row.co_signers == ("李娜",)
    texts = split_body(motion(harness, row.id).body_text)
    assert (texts.cause, texts.proposals) == ("老旧小区缺少坡道", "列入年度改造计划")
    window.close()


def test_edit_then_resubmit_with_the_revised_text(harness: WindowHarness, day_one) -> None:
    _path, f = day_one
    db = harness.window.ctx.db  # type: ignore[union-attr]
    row = add_motion(
        db,
        user="clerk",
        draft=MotionDraft(
            title="完善康复救助",
            proposer_id=f.members["赵敏"],
            category="康复",
            cause="救助范围窄",
        ),
    )
    row = advance_motion(
        db, user="clerk", motion_id=row.id, expected_version=row.version, action="start_review"
    )
    window = open_list(harness)
    assert window.model.rowCount() == 1
    select_only_row(window)
    detail = window.open_motion()
    assert detail is not None
    harness.idle()
    assert detail.edit_button is not None
    detail.edit_button.click()
    form = detail.entry_form
    harness.qtbot.waitUntil(lambda: form.ok_button().isEnabled(), timeout=20_000)
    assert form.mode is Mode.EDIT and form.title_edit.text() == "完善康复救助"
    assert form.proposer.currentData() == f.members["赵敏"]
    assert form.cause.toPlainText() == "救助范围窄"
    form.title_edit.setText("完善残疾儿童康复救助制度")
    form.ok_button().click()
    harness.idle()
    harness.idle()
    assert not form.isVisible()
    assert detail.detail.row.title == "完善残疾儿童康复救助制度"
    assert detail.detail.row.state is MotionState.UNDER_REVIEW

    detail.perform(MotionAction.RETURN_FOR_REVISION, reason="办法不具体")
    harness.idle()
    harness.idle()
    assert detail.detail.row.state is MotionState.REVISING
    detail.action_buttons[MotionAction.RESUBMIT].click()
    form = detail.entry_form
    harness.qtbot.waitUntil(lambda: form.ok_button().isEnabled(), timeout=20_000)
    assert form.mode is Mode.RESUBMIT and unnamed_focusable(form) == []
    form.proposals.setPlainText("扩大救助年龄到 17 岁")
    form.grab().save(str(SHOTS / "resubmit_motion.png"))
    form.ok_button().click()
    harness.idle()
    harness.idle()
    assert detail.detail.row.state is MotionState.SUBMITTED
    assert split_body(motion(harness, row.id).body_text).proposals == "扩大救助年龄到 17 岁"
    assert [c.action for c in motion(harness, row.id).history][-2:] == ["编辑", "resubmit"]
    detail.close()
    window.close()


def test_acceptance_cli_add_then_the_chain_in_the_window_to_a_printed_reply(
    harness: WindowHarness, day_one, tmp_path: Path, capsys
) -> None:
    path, _f = day_one
    code = main(
        [
            "--database",
            sqlite_url(path),
            "motions",
            "add",
            "--proposer",
            "wangfang",
            "--cosigner",
            "李娜",
            "--title",
            "加快社区无障碍设施改造",
            "--category",
            "无障碍",
            "--cause",
            "老旧小区缺少坡道",
        ]
    )
    assert code == 0, capsys.readouterr().err
    window = open_list(harness)
    harness.idle()
    assert window.model.rowCount() == 1
    select_only_row(window)
    detail = window.open_motion()
    assert detail is not None
    harness.idle()
    for action in (MotionAction.START_REVIEW, MotionAction.ACCEPT):
        detail.action_buttons[action].click()
        harness.idle()
        harness.idle()
    assert detail.detail.row.state is MotionState.ACCEPTED and detail.detail.row.number == 1
    detail.action_buttons[MotionAction.ASSIGN].click()
    harness.idle()
    form = detail.form
    assert isinstance(form, AssignForm)
    form.lead.setCurrentIndex(1)
    form.ok_button().click()
    harness.idle()
    harness.idle()
    form.ok_button().click()  # 关闭 after the deadline is shown
    harness.idle()
    for action in (MotionAction.RECEIVE, MotionAction.START_HANDLING):
        detail.action_buttons[action].click()
        harness.idle()
        harness.idle()
    assert detail.detail.row.state is MotionState.HANDLING
    detail.action_buttons[MotionAction.REPLY].click()
    harness.idle()
    reply = detail.form
    assert isinstance(reply, ReplyForm)
    reply.reply_class.setCurrentIndex(reply.reply_class.findData("A"))
    reply.signer.setText("张主席")
    reply.document_number.setText("门残联函〔2026〕1号")
    reply.handler.setText("李办事员")
    reply.phone.setText("0731-1234567")
    reply.ok_button().click()
    harness.idle()
    harness.idle()
    assert detail.detail.row.state is MotionState.REPLIED
    detail.close()
    folder = tmp_path / "letters"
    window.print_replies(folder, "pdf")
    wait_job(harness, window)
    files = sorted(folder.glob("*.pdf"))
    assert len(files) == 1 and files[0].stem.startswith("第1号")
    assert files[0].read_bytes().startswith(b"%PDF")
    if window.report_box is not None:
        window.report_box.close()
    window.close()


def test_the_list_offers_new_motion_with_ctrl_n(harness: WindowHarness) -> None:
    window = open_list(harness)
    buttons = [b.accessibleName() for b in window.findChildren(type(window.open_button))]
    assert "新建提案" in buttons
    assert any(a.shortcut() == QKeySequence(QKeySequence.StandardKey.New) for a in window.actions())
    assert Qt
    window.close()


def test_reject_as_suggestion_from_the_window(harness: WindowHarness, day_one) -> None:
    _path, f = day_one
    db = harness.window.ctx.db  # type: ignore[union-attr]
    row = add_motion(
        db,
        user="clerk",
        draft=MotionDraft(title="解决个人住房", proposer_id=f.members["李娜"], category="其他"),
    )
    advance_motion(
        db, user="clerk", motion_id=row.id, expected_version=row.version, action="start_review"
    )
    window = open_list(harness)
    select_only_row(window)
    detail = window.open_motion()
    assert detail is not None
    harness.idle()

    def answer(dialog) -> None:
        assert unnamed_focusable(dialog) == []
        dialog.reason.setText("属于个人诉求")
        dialog.as_suggestion.setChecked(True)
        dialog.grab().save(str(SHOTS / "reject_as_suggestion.png"))
        dialog.ok_button().click()

    answerer = ModalAnswerer(answer=answer).start()
    try:
        detail.action_buttons[MotionAction.REJECT].click()
        harness.idle()
        harness.idle()
    finally:
        answerer.stop()
    assert answerer.seen and detail.detail.row.state is MotionState.REJECTED
    assert harness.query("SELECT as_suggestion FROM motion WHERE id = ?", row.id) == [(1,)]
    detail.close()
    window.close()
