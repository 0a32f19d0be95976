"""答复函模板 from the motions window: edit with a variable, preview on a motion, reset."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from models.domain.reply_templates import parse_templates
from views.motions.motion_list import MotionList
from views.motions.reply_templates_dialog import ReplyTemplatesDialog
from views.ops import motion_lists as ops

from .helpers import WindowHarness, shot, unnamed_focusable
from .test_motion_reply_templates import answering


def open_dialog(h: WindowHarness) -> ReplyTemplatesDialog:
    window = h.window.open_motions()
    assert isinstance(window, MotionList)
    h.idle()
    window.templates_button.click()
    dialog = window.findChild(ReplyTemplatesDialog)
    assert dialog is not None and dialog.isVisible()
    h.idle()
    return dialog


def shipped(h: WindowHarness):
    assert h.ctx.reply_templates is not None
    return parse_templates(h.ctx.reply_templates.read_text(encoding="utf-8"))


def test_edit_with_a_variable_preview_and_save(harness: WindowHarness) -> None:
    h = harness
    dialog = open_dialog(h)
    assert dialog.list.count() == 4 and dialog.list.currentItem().text() == "通用"
    assert unnamed_focusable(dialog) == []
    assert dialog.motions, "the demo's term has motions"
    row = dialog.motions[dialog.motion.currentIndex()]
    assert row.lead_unit  # a motion with a unit comes first
    assert dialog.preview.toPlainText().startswith(f"您提出的《{row.title}》（{row.number_text}）")
    assert not dialog.save_button.isEnabled()

    dialog.text.setPlainText("尊敬的")
    dialog.text.moveCursor(dialog.text.textCursor().MoveOperation.End)
    dialog.variable_buttons["proposer"].click()
    dialog.text.insertPlainText("委员：{unit}已收到。")
    assert dialog.text.toPlainText() == "尊敬的{proposer}委员：{unit}已收到。"
    assert dialog.preview.toPlainText() == f"尊敬的{row.proposer}委员：{row.lead_unit}已收到。"
    assert dialog.save_button.isEnabled() and "未保存" in dialog.windowTitle()
    shot(dialog, "reply_templates_dialog")

    # Another motion in the preview.
    dialog.motion.setCurrentIndex(1)
    other = dialog.motions[1]
    assert dialog.preview.toPlainText().startswith(f"尊敬的{other.proposer}委员：")

    h.qtbot.keyClick(dialog, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    h.qtbot.waitUntil(lambda: "已保存" in dialog.message.text(), timeout=10_000)
    stored = ops.reply_templates(h.ctx)
    assert stored[0].text == "尊敬的{proposer}委员：{unit}已收到。\n"
    assert stored[1:] == shipped(h)[1:]
    assert not dialog.save_button.isEnabled()


def test_an_unknown_variable_is_refused_and_nothing_written(harness: WindowHarness) -> None:
    h = harness
    dialog = open_dialog(h)
    dialog.text.setPlainText("{提案人}委员：")
    dialog.save_button.click()
    h.qtbot.waitUntil(lambda: "错误" in dialog.message.text(), timeout=10_000)
    assert "“提案人”不是可用的变量" in dialog.message.text()
    assert dialog.text.hasFocus() or not dialog.isActiveWindow()  # the field to fix
    shot(dialog, "reply_templates_refused")
    assert dialog.text.toPlainText() == "{提案人}委员："  # the draft is kept
    assert h.query("select count(*) from setting where key = 'motions.reply_templates'") == [(0,)]
    answering(h, QMessageBox.StandardButton.Yes, dialog.reject)


def test_new_template_then_reset_asks_and_restores(harness: WindowHarness) -> None:
    h = harness
    dialog = open_dialog(h)
    dialog.new_button.click()
    dialog.name.setText("感谢信")
    dialog.reply_class.setCurrentIndex(dialog.reply_class.findData("A"))
    dialog.save_button.click()
    h.qtbot.waitUntil(lambda: "已保存" in dialog.message.text(), timeout=10_000)
    assert [t.name for t in ops.reply_templates(h.ctx)][-1] == "感谢信"
    assert dialog.list.count() == 5 and dialog.list.currentItem().text() == "感谢信（A类）"

    # No: nothing changes.
    answering(h, QMessageBox.StandardButton.No, lambda: dialog.reset_button.click())
    h.idle()
    assert len(ops.reply_templates(h.ctx)) == 5
    seen = answering(h, QMessageBox.StandardButton.Yes, lambda: dialog.reset_button.click())
    assert "恢复为软件自带的内容" in seen[0]["text"]
    h.qtbot.waitUntil(lambda: "已恢复" in dialog.message.text(), timeout=10_000)
    assert ops.reply_templates(h.ctx) == shipped(h)
    assert dialog.list.count() == 4
    assert dialog.list.currentItem().data(Qt.ItemDataRole.UserRole) == "通用"
    h.qtbot.keyClick(dialog, Qt.Key.Key_Escape)  # nothing unsaved: closes without asking
    assert not dialog.isVisible()


def test_unsaved_words_are_kept_unless_the_clerk_lets_them_go(harness: WindowHarness) -> None:
    h = harness
    dialog = open_dialog(h)
    dialog.text.appendPlainText("补充一句。")
    seen = answering(h, QMessageBox.StandardButton.No, lambda: dialog.list.setCurrentRow(2))
    assert "未保存的修改" in seen[0]["text"]
    assert dialog.base is not None and dialog.base.name == "通用"
    assert dialog.text.toPlainText().endswith("补充一句。")
    assert dialog.list.currentItem().data(Qt.ItemDataRole.UserRole) == "通用"

    answering(h, QMessageBox.StandardButton.Yes, lambda: dialog.list.setCurrentRow(2))
    chosen = dialog.list.currentItem().data(Qt.ItemDataRole.UserRole)
    assert dialog.base is not None and dialog.base.name == chosen and chosen.startswith("B类")
    assert dialog.name.text() == chosen and not dialog.save_button.isEnabled()

    # Deleting asks first; then the list has three.
    answering(h, QMessageBox.StandardButton.Yes, lambda: dialog.remove_button.click())
    h.qtbot.waitUntil(lambda: "已删除" in dialog.message.text(), timeout=10_000)
    assert chosen not in [t.name for t in ops.reply_templates(h.ctx)]
    assert dialog.list.count() == 3
