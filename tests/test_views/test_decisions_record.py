"""A 三重一大 record in the window on the demo: steps and files, the agenda, the discussion recorded
through its form (refusals shown in words, input kept), follow-ups to 已完成, and 复议."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from models.domain.major_decision import DecisionState
from views.decisions.step_forms import NotApplicableForm, StepForm

from ._decisions import (
    column,
    council_meeting,
    decided,
    new_decision,
    on_agenda,
    open_detail,
    open_discussion,
    open_list,
    saved,
    step_cell,
    steps_done,
)
from .helpers import WindowHarness, shot, unnamed_focusable


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
    # The register heard from the Runner what the discussion changed and reloaded by itself.
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
