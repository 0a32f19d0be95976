"""The reply form's templates: shipped as data, variables filled, the clerk's words protected."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import QMessageBox

from desktop.paths import resource_path
from models.domain.dates import chinese_date
from models.domain.motion_workflow import MotionAction, MotionState
from models.domain.reply_templates import FALLBACK, parse_templates
from views.motions.reply_dialog import ReplyForm

from .helpers import ModalAnswerer, WindowHarness
from .test_motion_forms import open_form
from .test_motions import open_detail, open_list


def open_reply_form(h: WindowHarness) -> ReplyForm:
    window = open_list(h)
    detail = open_detail(h, window, MotionState.HANDLING)
    form = open_form(h, detail, MotionAction.REPLY)
    assert isinstance(form, ReplyForm)
    return form


def answering(h: WindowHarness, button: QMessageBox.StandardButton, act) -> list[dict]:
    answerer = ModalAnswerer(answer=lambda box: box.button(button).click()).start()
    try:
        act()
        h.qtbot.waitUntil(lambda: bool(answerer.seen), timeout=10_000)
    finally:
        answerer.stop()
    return answerer.seen


def test_dates_are_written_as_in_a_letter() -> None:
    assert chinese_date(date(2026, 1, 5)) == "2026年1月5日"
    assert chinese_date(date(2026, 12, 31)) == "2026年12月31日"


def test_the_shipped_file_has_a_template_for_each_class() -> None:
    text = resource_path("templates", "reply_templates.toml").read_text(encoding="utf-8")
    templates = parse_templates(text)
    assert templates[0].name == "通用" and templates[0].reply_class is None
    assert {t.reply_class for t in templates[1:]} == {"A", "B", "C"}
    for template in templates:
        assert template.text.startswith("您提出的《{title}》（{number}）收悉，现答复如下：")
    assert parse_templates("[[template]\nname =") == FALLBACK  # a broken file: the usual opening
    assert parse_templates(None) == FALLBACK


def test_a_template_fills_the_variables(harness: WindowHarness) -> None:
    form = open_reply_form(harness)
    row = form.row
    names = [form.templates.box.itemText(i) for i in range(form.templates.box.count())]
    assert names[0] == "通用" and len(names) == 4
    assert form.text.toPlainText().startswith(
        f"您提出的《{row.title}》（{row.number_text}）收悉，现答复如下："
    )
    assert "{proposer}" in form.templates.variables.text()

    # Class A while the text is untouched: its template, every variable filled.
    form.reply_class.setCurrentIndex(form.reply_class.findData("A"))
    text = form.text.toPlainText()
    assert form.templates.box.currentText().startswith("A类")
    assert f"{row.lead_unit}高度重视" in text
    assert f"截至{chinese_date(date.today())}" in text
    assert "{" not in text and "}" not in text

    # A variable the clerk types is filled when the reply is sent.
    form.text.setPlainText("感谢{proposer}委员对{unit}工作的支持。")
    assert form.draft().text == f"感谢{row.proposer}委员对{row.lead_unit}工作的支持。"
    form.reject()


def test_replacing_edited_text_asks_first(harness: WindowHarness) -> None:
    h = harness
    form = open_reply_form(h)
    box = form.templates.box
    form.text.appendPlainText("承办人补充的一段话。")
    edited = form.text.toPlainText()

    # The class no longer picks a template over the clerk's words, and asks nothing.
    form.reply_class.setCurrentIndex(form.reply_class.findData("B"))
    assert box.currentIndex() == 0 and form.text.toPlainText() == edited

    c_index = next(i for i in range(box.count()) if box.itemText(i).startswith("C类"))
    seen = answering(h, QMessageBox.StandardButton.No, lambda: box.setCurrentIndex(c_index))
    assert "答复内容已经修改" in seen[0]["text"] and box.itemText(c_index) in seen[0]["text"]
    assert box.currentIndex() == 0 and form.text.toPlainText() == edited

    answering(h, QMessageBox.StandardButton.Yes, lambda: box.setCurrentIndex(c_index))
    assert box.currentIndex() == c_index
    text = form.text.toPlainText()
    assert "承办人补充的一段话" not in text and "暂不能解决" in text

    # Untouched again: another template replaces it without a question.
    answerer = ModalAnswerer(
        answer=lambda w: w.reject() if isinstance(w, QMessageBox) else None  # type: ignore[func-returns-value]
    ).start()
    # A question would be modal: shown (and answered) before setCurrentIndex returns.
    box.setCurrentIndex(0)
    h.qtbot.waitUntil(lambda: form.text.toPlainText().startswith("您提出的《"))
    answerer.stop()
    assert [s for s in answerer.seen if s["type"] == "QMessageBox"] == []
    assert box.currentIndex() == 0 and form.text.toPlainText().startswith("您提出的《")
    form.reject()


def test_the_form_offers_the_templates_as_edited(harness: WindowHarness) -> None:
    from models.services.motions.reply_templates import reply_templates, save_reply_template

    ctx = harness.ctx
    general = reply_templates(ctx.db, shipped=ctx.reply_templates)[0]
    save_reply_template(
        ctx.db,
        user="clerk",
        name="通用（本会）",
        text="{unit}收到《{title}》，答复如下：",
        original=general,
        shipped=ctx.reply_templates,
    )
    form = open_reply_form(harness)
    names = [form.templates.box.itemText(i) for i in range(form.templates.box.count())]
    assert names[0] == "通用（本会）" and len(names) == 4
    assert form.text.toPlainText() == f"{form.row.lead_unit}收到《{form.row.title}》，答复如下：\n"
    form.reject()
