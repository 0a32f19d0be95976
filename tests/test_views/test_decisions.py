"""三重一大 in the window on the demo: the register, a decision's steps and files, the agenda,
and the discussion recorded through its form — refusals shown in words, input kept."""

from __future__ import annotations

import os
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QSize, Qt

from models.domain.major_decision import DecisionState
from models.domain.vocabulary import BodyKind
from models.services.decisions.commands.discussion import put_on_agenda, record_discussion
from models.services.decisions.commands.matters import create_decision
from models.services.decisions.commands.steps import record_step
from models.services.decisions.contracts import (
    DecisionDraft,
    DiscussionDraft,
    ParticipantDraft,
    PositionDraft,
)
from models.services.decisions.queries import discussion_roster, get_decision
from models.services.meetings.meetings import MeetingDraft, plan_meeting
from views.decisions.decision_detail import DecisionDetailWindow
from views.decisions.decision_forms import MatterForm, MeetingForm
from views.decisions.decision_list import DecisionList
from views.decisions.discussion_form import DiscussionForm
from views.decisions.step_forms import NotApplicableForm, StepForm

from .helpers import SHOT_DIR_ENV, WindowHarness, shot, type_text, unnamed_focusable

GATES = ("残疾人及相关利益方参与", "专家论证", "法律顾问审查", "社会稳定风险评估")
TITLE = "康复中心设备采购"


def open_list(h: WindowHarness) -> DecisionList:
    assert h.window.decisions_action.isEnabled()
    h.window.decisions_action.trigger()
    window = next(iter(h.window.findChildren(DecisionList)))
    h.idle()
    return window


def new_decision(h: WindowHarness, title: str = TITLE) -> int:
    h.idle()
    return create_decision(
        h.window.backend.db,
        user="clerk",
        draft=DecisionDraft(
            title=title,
            category="大额度资金使用",
            body="council",
            year=date.today().year,
            amount_yuan=150_000,
        ),
    ).id


def steps_done(h: WindowHarness, decision_id: int, kinds: tuple[str, ...] = GATES) -> None:
    db = h.window.backend.db
    for kind in kinds:
        record_step(
            db,
            user="clerk",
            decision_id=decision_id,
            expected_version=get_decision(db, decision_id=decision_id).version,
            kind=kind,
            done_on=date.today(),
            participants="办公室",
            summary=f"{kind}已完成",
        )


def council_meeting(h: WindowHarness) -> int:
    day = date.today() + timedelta(days=10)
    return plan_meeting(
        h.window.backend.db, user="clerk", body=BodyKind.EXECUTIVE_COUNCIL, draft=MeetingDraft(day)
    ).id


def open_detail(h: WindowHarness, window: DecisionList, decision_id: int) -> DecisionDetailWindow:
    window.load()
    h.idle()
    row = window.model.row_of(decision_id)
    assert row >= 0
    window.table.selectRow(row)
    detail = window.open_decision()
    assert detail is not None
    h.idle()
    assert detail.detail is not None
    return detail


def saved(h: WindowHarness, form: Any) -> Any:
    with h.qtbot.waitSignal(form.saved, timeout=20_000) as blocker:
        form.ok_button().click()
    h.idle()
    return blocker.args[0]


def column(window: DecisionList, header: str) -> list[str]:
    model = window.model
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    return [model.index(r, headers.index(header)).data() for r in range(model.rowCount())]


def step_cell(detail: DecisionDetailWindow, kind: str, header: str) -> str:
    table = detail.steps.table
    headers = [table.horizontalHeaderItem(c).text() for c in range(table.columnCount())]
    row = next(r for r in range(table.rowCount()) if table.item(r, 0).text() == kind)
    return table.item(row, headers.index(header)).text()


def on_agenda(h: WindowHarness, detail: DecisionDetailWindow, meeting_id: int) -> None:
    detail.buttons["agenda"].click()
    h.idle()
    form = detail.form
    assert isinstance(form, MeetingForm)
    form.meeting.setCurrentIndex(form.meeting.findData(meeting_id))
    saved(h, form)
    assert detail.detail.row.state is DecisionState.READY


def open_discussion(h: WindowHarness, detail: DecisionDetailWindow) -> DiscussionForm:
    assert detail.buttons["discuss"].isEnabled()
    detail.buttons["discuss"].click()
    h.idle()
    form = detail.form
    assert isinstance(form, DiscussionForm)
    return form


def test_register_opens_from_the_main_window_and_creates_a_decision(
    harness: WindowHarness,
) -> None:
    h = harness
    window = open_list(h)
    headers = [
        window.model.headerData(c, Qt.Orientation.Horizontal)
        for c in range(window.model.columnCount())
    ]
    assert headers == [
        "事项名称", "类别", "金额", "决策机构", "状态", "缺少的程序", "会议", "应到实到"
    ]  # fmt: skip
    assert window.year_box.currentData() == date.today().year
    assert unnamed_focusable(window) == []

    form = window.new_decision()
    assert isinstance(form, MatterForm)
    assert unnamed_focusable(form) == []
    type_text(h.qtbot, form.title_edit, TITLE)
    form.category.setCurrentIndex(form.category.findData("大额度资金使用"))
    form.amount.setText("5000")
    form.ok_button().click()
    h.idle()
    assert form.isVisible(), "a refused draft keeps the form open"
    assert "低于大额度资金标准" in form.message.text()
    assert form.title_edit.text() == TITLE

    form.amount.setText("150000")
    detail = saved(h, form)
    assert detail.row.title == TITLE
    assert window.model.row_of(detail.id) >= 0
    row = window.model.decision(window.model.row_of(detail.id))
    assert column(window, "状态")[window.model.row_of(detail.id)] == "准备中"
    assert column(window, "缺少的程序")[window.model.row_of(detail.id)].startswith("缺：")
    assert set(GATES) <= set(row.missing_steps)
    assert (
        window.model.index(window.model.row_of(detail.id), 5).data(Qt.ItemDataRole.ForegroundRole)
        is not None
    )

    # A cadre appointment is decided by the 党组: the form chooses it.
    cadre = window.new_decision()
    cadre.category.setCurrentIndex(cadre.category.findData("重要干部任免"))
    assert cadre.body.currentData() == BodyKind.PARTY_GROUP.value
    cadre.reject()

    opened = next(
        w for w in window.findChildren(DecisionDetailWindow) if w.decision_id == detail.id
    )
    h.idle()
    assert unnamed_focusable(opened) == []
    shot(window, "decision_list")
    shot(opened, "decision_detail_new")
    opened.close()
    window.close()


def test_steps_files_agenda_and_a_discussion_with_recusal_and_dissent(
    harness: WindowHarness, tmp_path: Path
) -> None:
    h = harness
    decision_id = new_decision(h)
    meeting_id = council_meeting(h)
    window = open_list(h)
    detail = open_detail(h, window, decision_id)
    assert step_cell(detail, "专家论证", "状态") == "未完成"
    assert "前期调查研究" in detail.fact_labels["建议补充"].text()

    # Record one step through its form.
    detail.steps.select_step("专家论证")
    form = detail.steps.record_step()
    assert isinstance(form, StepForm)
    assert unnamed_focusable(form) == []
    form.participants.setText("专家组")
    form.summary.setPlainText("三位专家论证可行")
    saved(h, form)
    assert step_cell(detail, "专家论证", "状态") == "已完成"
    assert step_cell(detail, "专家论证", "情况摘要或不适用理由") == "三位专家论证可行"

    # Mark one not applicable: the reason is required, then shown with who accepted it.
    detail.steps.select_step("社会稳定风险评估")
    na = detail.steps.mark_not_applicable()
    assert isinstance(na, NotApplicableForm)
    na.accepted_by.setText("甲理事长")
    na.ok_button().click()
    h.idle()
    assert na.isVisible() and "须写明理由" in na.message.text()
    na.reason.setPlainText("设备采购不涉及群众切身利益")
    saved(h, na)
    assert step_cell(detail, "社会稳定风险评估", "状态") == "不适用"
    assert "认可人：甲理事长" in step_cell(detail, "社会稳定风险评估", "情况摘要或不适用理由")

    # Attach a file; the same content twice is refused, never replaced.
    paper = tmp_path / "论证意见.pdf"
    paper.write_bytes(b"%PDF-1.4 expert opinion")
    detail.steps.select_step("专家论证")
    detail.steps.add_attachment(paper)
    h.idle()
    assert detail.steps.attachments.count() == 1
    assert "论证意见.pdf" in detail.steps.attachments.item(0).text()
    assert step_cell(detail, "专家论证", "附件") == "1"
    copy = tmp_path / "副本.pdf"
    copy.write_bytes(paper.read_bytes())
    detail.steps.add_attachment(copy)
    h.idle()
    assert "内容相同" in detail.message.text()
    assert detail.steps.attachments.count() == 1

    opened: list[str] = []
    detail.steps.open_url = lambda url: opened.append(url.toLocalFile()) or True
    detail.steps.open_attachment()
    h.idle()
    assert opened and Path(opened[0]).name == "论证意见.pdf"
    assert Path(opened[0]).read_bytes() == paper.read_bytes()
    target = tmp_path / "另存.pdf"
    detail.steps.save_attachment(target)
    h.idle()
    assert target.read_bytes() == paper.read_bytes()
    shot(detail, "decision_detail_steps")

    # The other gates, then on the agenda of a later council meeting.
    steps_done(h, decision_id, ("残疾人及相关利益方参与", "法律顾问审查"))
    detail.load()
    h.idle()
    assert detail.fact_labels["缺少的程序"].text() == "无"
    on_agenda(h, detail, meeting_id)
    assert "列入议程" in detail.fact_labels["会议"].text()
    assert detail.buttons["discuss"].isEnabled() and not detail.buttons["agenda"].isEnabled()

    form = open_discussion(h, detail)
    assert unnamed_focusable(form) == []
    lines = form.roster.lines
    members = len(lines)
    leader = form.leader.currentData()
    assert leader is not None and form.positions[-1].person_id == leader  # 末位表态 prefilled
    recused = next(line for line in lines if line.person_id != leader)
    dissenter = next(line for line in lines if line.person_id not in (leader, recused.person_id))
    form.set_presence(recused.person_id, "回避", "配偶任职于供货企业")
    assert all(p.person_id != recused.person_id for p in form.positions)
    present = len(form.present_ids())
    words = f"应到{members}人，回避1人，按{members - 1}人计，实到{present}人"
    assert words in form.check.text()
    form.set_position(dissenter.person_id, "不同意", "价格偏高，建议再询价", reserved=True)
    form._update_check()
    assert "不同意1人" in form.check.text() and "结果：通过" in form.check.text()
    shot(form, "discussion_form")
    result = saved(h, form)
    assert result.row.result.value == "通过"

    text = detail.record.toPlainText()
    assert words in text
    assert f"回避：{recused.name}（配偶任职于供货企业）" in text
    assert f"{dissenter.name}　不同意　保留意见：价格偏高，建议再询价" in text
    assert "结果：通过" in text
    assert detail.fact_labels["状态"].text() == "通过"
    assert detail.buttons["follow_up"].isEnabled() and detail.buttons["reopen"].isEnabled()
    assert not detail.buttons["discuss"].isEnabled()
    window.load()
    h.idle()
    assert column(window, "应到实到")[window.model.row_of(decision_id)] == words
    assert column(window, "状态")[window.model.row_of(decision_id)] == "通过"
    shot(detail, "decision_detail_decided")
    detail.tabs.setCurrentIndex(1)
    shot(detail, "decision_detail_record")
    detail.close()
    window.close()


def test_a_discussion_short_of_quorum_is_refused_and_keeps_the_input(
    harness: WindowHarness,
) -> None:
    h = harness
    decision_id = new_decision(h)
    steps_done(h, decision_id)
    meeting_id = council_meeting(h)
    window = open_list(h)
    detail = open_detail(h, window, decision_id)
    on_agenda(h, detail, meeting_id)
    form = open_discussion(h, detail)
    lines = form.roster.lines
    for line in lines[: len(lines) // 2 + 1]:
        form.set_presence(line.person_id, "缺席")
    assert "未达到" in form.check.text()
    form.note.setText("部分成员出差")
    form.ok_button().click()
    h.idle()
    assert form.isVisible()
    assert "不足" in form.message.text() and "可暂缓表决" in form.message.text()
    assert form.note.text() == "部分成员出差"
    assert form.presence[lines[0].person_id].currentText() == "缺席"
    assert detail.detail.row.state is DecisionState.READY

    # The meeting may defer instead: 暂缓表决, and the matter can go on a later agenda.
    form.deferred.setChecked(True)
    assert "暂缓表决" in form.check.text()
    result = saved(h, form)
    assert result.row.state is DecisionState.DEFERRED
    assert detail.buttons["agenda"].isEnabled() and not detail.buttons["discuss"].isEnabled()
    detail.close()
    window.close()


def test_state_and_category_filters(harness: WindowHarness) -> None:
    h = harness
    new_decision(h, "残疾人托养补贴资金")
    window = open_list(h)
    everything = window.model.rowCount()
    window.state_box.setCurrentIndex(window.state_box.findText("准备中"))
    assert set(column(window, "状态")) == {"准备中"}
    assert "残疾人托养补贴资金" in column(window, "事项名称")
    window.state_box.setCurrentIndex(0)
    window.category_box.setCurrentIndex(window.category_box.findData("重要干部任免"))
    assert "残疾人托养补贴资金" not in column(window, "事项名称")
    assert set(column(window, "类别")) <= {"重要干部任免"}
    window.category_box.setCurrentIndex(0)
    assert window.model.rowCount() == everything
    window.year_box.setCurrentIndex(window.year_box.findData(date.today().year - 3))
    h.idle()
    assert "残疾人托养补贴资金" not in column(window, "事项名称")
    window.close()


def decided(h: WindowHarness) -> int:
    """A 通过 decision through the services: every gate done, on the agenda, all agree."""
    decision_id = new_decision(h, "康复器材租赁项目")
    steps_done(h, decision_id)
    meeting_id = council_meeting(h)
    db = h.window.backend.db
    version = get_decision(db, decision_id=decision_id).version
    put_on_agenda(
        db,
        user="clerk",
        decision_id=decision_id,
        expected_version=version,
        meeting_id=meeting_id,
        placed_on=date.today(),
    )
    roster = discussion_roster(db, decision_id=decision_id)
    present = [line.person_id for line in roster.lines]
    order = [p for p in present if p != roster.leader_id] + [roster.leader_id]
    record_discussion(
        db,
        user="clerk",
        decision_id=decision_id,
        expected_version=get_decision(db, decision_id=decision_id).version,
        draft=DiscussionDraft(
            participants=[ParticipantDraft(p, "出席") for p in present],
            positions=[PositionDraft(p, "同意") for p in order],
            leader_id=roster.leader_id,
            presiding_id=roster.leader_id,
        ),
    )
    return decision_id


def test_follow_ups_until_done(harness: WindowHarness) -> None:
    h = harness
    decision_id = decided(h)
    window = open_list(h)
    detail = open_detail(h, window, decision_id)
    assert detail.enabled_actions() == {"follow_up", "reopen", "print"}
    form = detail.add_follow_up()
    assert unnamed_focusable(form) == []
    form.task.setPlainText("完成设备招标")
    form.ok_button().click()
    h.idle()
    assert form.isVisible() and "责任人" in form.message.text()
    form.owner.setText("康复部")
    saved(h, form)
    assert detail.detail.row.state is DecisionState.IMPLEMENTING
    assert detail.follow_ups.item(0, 0).text() == "完成设备招标"
    assert detail.follow_ups.item(0, 4).text() == "未完成"
    assert detail.buttons["complete"].isEnabled()

    # 执行完成 while an entry is open is refused in words.
    complete = detail.complete()
    complete.ok_button().click()
    h.idle()
    assert complete.isVisible() and "1 项执行事项未完成" in complete.message.text()
    complete.reject()

    detail.follow_ups.selectRow(0)
    assert detail.progress_button.isEnabled()
    progress = detail.update_progress()
    assert progress is not None and unnamed_focusable(progress) == []
    progress.progress.setPlainText("已签订合同")
    progress.is_done.setChecked(True)
    saved(h, progress)
    assert detail.follow_ups.item(0, 3).text() == "已签订合同"
    assert detail.follow_ups.item(0, 4).text() == date.today().isoformat()
    saved(h, detail.complete())
    assert detail.detail.row.state is DecisionState.DONE
    assert detail.enabled_actions() == {"print"}
    detail.tabs.setCurrentIndex(2)
    shot(detail, "decision_detail_follow_ups")
    history = [detail.history.item(r, 2).text() for r in range(detail.history.rowCount())]
    assert history[-1] == "执行完成"
    detail.close()
    window.close()


def test_reopen_below_and_above_half_of_the_members(harness: WindowHarness) -> None:
    h = harness
    decision_id = decided(h)
    window = open_list(h)
    detail = open_detail(h, window, decision_id)
    members = detail.detail.discussions[-1].members
    form = detail.reopen()
    assert unnamed_focusable(form) == []
    form.requested_by.setText("罗志强")
    form.agree.setValue(members // 2)
    saved(h, form)
    assert detail.detail.row.state is DecisionState.DECIDED
    assert "未达到复议人数" in detail.record.toPlainText()

    form = detail.reopen()
    form.requested_by.setText("罗志强")
    form.agree.setValue(members // 2 + 1)
    form.reason.setPlainText("供货价格出现新情况")
    saved(h, form)
    assert detail.detail.row.state is DecisionState.READY
    assert "同意复议；理由：供货价格出现新情况" in detail.record.toPlainText()
    # Back to 待议 without an agenda place: only 列入议程 is offered.
    assert detail.buttons["agenda"].isEnabled() and not detail.buttons["discuss"].isEnabled()
    detail.close()
    window.close()


def test_emergency_recorded_then_reported(harness: WindowHarness) -> None:
    h = harness
    meeting_id = council_meeting(h)
    window = open_list(h)
    form = window.new_emergency()
    assert unnamed_focusable(form) == []
    type_text(h.qtbot, form.title_edit, "寒潮应急物资采购")
    form.category.setCurrentIndex(form.category.findData("重大决策"))
    form.decided_by.setText("崔振华")
    form.ok_button().click()
    h.idle()
    assert form.isVisible() and "紧急处置的理由" in form.message.text()
    form.reason.setPlainText("寒潮来袭，须当日发放")
    created = saved(h, form)
    assert created.row.state is DecisionState.EMERGENCY
    detail = next(
        w for w in window.findChildren(DecisionDetailWindow) if w.decision_id == created.id
    )
    h.idle()
    assert detail.enabled_actions() == {"report", "print"}
    assert "紧急处置" in detail.record.toPlainText()
    detail.buttons["report"].click()
    h.idle()
    report = detail.form
    assert isinstance(report, MeetingForm)
    report.meeting.setCurrentIndex(report.meeting.findData(meeting_id))
    saved(h, report)
    assert detail.detail.row.state is DecisionState.REPORTED
    detail.close()
    window.close()


def test_record_and_register_print_to_a_preview(harness: WindowHarness) -> None:
    from models.services.papers import printing

    if "decision" not in printing.PAPERS:
        pytest.skip("the printing service has no decision papers yet")
    h = harness
    decision_id = decided(h)
    window = open_list(h)
    detail = open_detail(h, window, decision_id)
    assert detail.buttons["print"].isEnabled()
    detail.buttons["print"].click()
    h.idle()
    h.qtbot.waitUntil(lambda: detail.last_preview is not None, timeout=30_000)
    preview = detail.last_preview
    assert preview.page_count() >= 1
    assert "康复器材租赁项目" in preview.windowTitle()
    page = preview.document.render(0, QSize(595, 842))
    assert any(
        page.pixelColor(x, y).lightness() < 128 for x in range(0, 595, 3) for y in range(0, 842, 3)
    )
    if os.environ.get(SHOT_DIR_ENV):
        page.save(str(Path(os.environ[SHOT_DIR_ENV]) / "decision-record-page-1.png"))
    preview.close()

    window.print_button.click()
    h.idle()
    h.qtbot.waitUntil(lambda: window.last_preview is not None, timeout=30_000)
    assert window.last_preview.page_count() >= 1
    assert f"{date.today().year}年三重一大事项年度台账" in window.last_preview.windowTitle()
    window.last_preview.close()
    detail.close()
    window.close()
