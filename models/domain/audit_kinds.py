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
    "township": "街乡镇",
    "place": "村和社区",
    "place_population": "人口数据",
    "cadre": "干部",
    "warm_home": "温馨家园",
    "contact_point": "联系点",
    "field_visit": "走访记录",
    "grassroots_organisation": "基层组织",
    "organisation_officer": "基层组织成员",
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


# The stored fields a clerk meets most, in their words; any other shows its stored name.
FIELD_LABELS: Mapping[str, str] = {
    "name": "姓名",
    "gender": "性别",
    "id_number": "身份证号",
    "ethnicity": "民族",
    "birth_date": "出生日期",
    "phone": "电话",
    "remarks": "备注",
    "cert_number": "残疾人证号",
    "disability_category": "残疾类别",
    "disability_grade": "残疾等级",
    "political_status": "政治面貌",
    "work_unit_and_post": "工作单位及职务",
    "employment": "就业状况",
    "delegate_type": "代表类型",
    "position": "职务",
    "status": "状态",
    "state": "状态",
    "start_date": "任职日期",
    "start_reason": "任职原因",
    "start_basis": "任职依据",
    "end_date": "离任日期",
    "end_reason": "离任原因",
    "end_basis": "离任依据",
    "person_id": "人员编号",
    "term_id": "届次编号",
    "electoral_unit_id": "选举单位编号",
    "title": "标题",
    "category": "类别",
    "proposer_id": "提案人编号",
    "number": "编号",
    "number_text": "编号",
    "submitted_on": "提交日期",
    "document_number": "发文字号",
    "reply_class": "答复类别",
    "text": "正文",
    "note": "说明",
    "reason": "原因",
    "login": "账户名",
    "display_name": "姓名",
    "role": "角色",
    "active": "启用",
    "unit_id": "承办单位编号",
    "key": "设置项",
    "value": "值",
    "meeting_date": "会议日期",
    "starts_at": "开始时间",
    "place": "地点",
    "summary": "摘要",
    "decision": "决定",
    "amount_yuan": "金额（元）",
}


def field_label(field: str) -> str:
    return FIELD_LABELS.get(field, field)


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
