"""The 操作记录's words: what kind of record an entry is about, and what was done to it.

The change log stores table names (`person`, `membership` …) and action ids (`insert`,
`reveal`, `sign_in` …); a clerk reads them in Chinese. A table or action not listed here is
shown by its stored name, so a new table never hides its entries.
"""

from __future__ import annotations

from collections.abc import Mapping

# The records a clerk asks about, in the order the 操作记录 window offers them.
ENTITY_LABELS: Mapping[str, str] = {
    "person": "人员",
    "membership": "任职",
    "term": "届次",
    "body": "机构",
    "electoral_unit": "选举单位",
    "seat_allocation": "名额",
    "meeting": "会议",
    "agenda_item": "会议议程",
    "attendance": "出席",
    "minutes": "会议纪要",
    "minutes_amendment": "纪要修订",
    "motion": "提案",
    "motion_co_signer": "提案附议人",
    "assignment": "交办",
    "assignment_extension": "延期",
    "motion_contact": "办理联系",
    "motion_reply": "答复",
    "motion_feedback": "提案人反馈",
    "motion_state_change": "提案状态",
    "motion_attachment": "提案附件",
    "motion_counter": "提案编号",
    "handling_unit": "承办单位",
    "major_decision": "三重一大",
    "decision_step": "三重一大程序",
    "decision_attachment": "三重一大附件",
    "decision_discussion": "集体讨论",
    "decision_participant": "讨论参加人",
    "decision_position": "表态",
    "decision_reopening": "重新讨论",
    "decision_follow_up": "执行跟进",
    "decision_state_change": "三重一大状态",
    "app_user": "账户",
    "setting": "设置",
    "paper": "文书",
    "change_log": "操作记录",
    "database": "数据库",
}

ACTION_LABELS: Mapping[str, str] = {
    "insert": "新增",
    "update": "修改",
    "delete": "删除",
    "reveal": "查看完整身份证号",
    "sign_in": "登录",
    "sign_in_failed": "登录失败",
    "sign_out": "退出登录",
    "export": "导出",
    "print": "打印",
    "replace": "更换",
    "restore": "恢复",
    "purge": "清空",
    "slate_trial": "名单调整",
}


def entity_label(entity: str) -> str:
    return ENTITY_LABELS.get(entity, entity)


def action_label(action: str) -> str:
    return ACTION_LABELS.get(action, action)


def kind_of(text: str) -> str:
    """A kind as a clerk may type it — `person`, `人员`, `sign_in` or `登录` — as stored."""
    text = text.strip()
    for labels in (ENTITY_LABELS, ACTION_LABELS):
        for stored, label in labels.items():
            if text == label:
                return stored
    return text
