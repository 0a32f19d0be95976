"""The one place where the core's codes become Chinese sentences for the CLI and the views."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from models.domain.identity import mask_ids_in_text

MESSAGES: dict[str, str] = {
    # identity (DOMAIN §2)
    "missing_required": "{label}为必填项，请填写。",
    "id_format": "身份证号格式不正确：应为17位数字加1位数字或X。",
    "id_format_old": "身份证号为15位旧号码，请填写18位身份证号。",
    "id_checksum": "身份证号校验位不正确（按前17位计算应为 {expected}），请核对后重新录入。",
    "id_birthdate": "身份证号中的出生日期（第7–14位）不是1900年1月1日至今天之间的有效日期。",
    "cert_format": "残疾人证号格式不正确：应为18位身份证号加残疾类别（1–7）和等级（1–4）共20位。",
    "cert_id_mismatch": "残疾人证号前18位与身份证号不一致。",
    "cert_category_mismatch": "残疾人证号第19位表示“{cert_category}”，与所填残疾类别不一致。",
    "cert_grade_mismatch": "残疾人证号第20位表示{cert_grade}级，与所填残疾等级不一致。",
    "category_unknown": "{label}中的“{value}”不是有效的残疾类别。可选：视力、听力、言语、肢体、智力、精神、多重（可加“残疾”二字，如“视力残疾”）；多重残疾的组成不能再写“多重”。",
    "grade_invalid": "残疾等级“{value}”无效，只能是一级、二级、三级、四级（或 1–4）。",
    "text_too_long": "{label}过长（最多 {limit} 个字符），请精简后再保存。",
    "gender_invalid": "性别只能填“男”或“女”。",
    "gender_id_mismatch": "性别与身份证号第17位不符（奇数为男，偶数为女），请核对。",
    "birthdate_id_mismatch": "出生日期与身份证号中的出生日期不一致，请核对。",
    "date_invalid": "{label}不是有效日期，例如 1980-01-02。",
    "value_invalid": "{label}的值“{value}”无效，可选：{choices}。",
    "name_blank": "姓名不能为空。",
    "dup_id": "身份证号 {id_number} 已登记在“{name}”名下，同一人请勿重复登记。",
    # slate rows (DOMAIN §2); {column} is the canonical header
    "id_numeric_cell": "{column}被 Excel 存成了数字，末几位可能已经丢失。请将该列设为文本后重新录入。",
    "dup_id_rows": "身份证号 {id_number} 与第 {rows} 行重复，同一人只能填一行。",
    "bool_invalid": "{column}只能填 是/否（也可填 Y/N、√/×、1/0），而不是“{value}”。",
    "unit_unknown": "选举单位“{value}”不是本届的选举单位。本届的选举单位有：{choices}。",
    "multi_components_missing": "残疾类别为“多重”，但没有填写有效的多重残疾包含类别：此人计为残疾人，但不计入任何类别。",
    "relative_category_missing": "已填“是残疾人亲友”，但没有填写亲友残疾类别：此人计为亲友，但不计入任何类别。",
    "model_not_disabled": "自强模范应为残疾人；没有残疾的受表彰者属于助残先进，请核对。",
    # slate rules (DOMAIN §3)
    "slate_empty": "名单为空：没有读到任何数据行。",
    "rule_skipped_empty": "名单中没有可计入的人员，未检查。",
    "rule_skipped_no_previous": "没有上一届的名单，无法比较。",
    "rule_skipped_needs_database": "需要数据库中的代表名单才能检查（请用 yishi check）。",
    "share_pass": "{subject}共 {count} 人，占 {total} 人的 {percent}，达到{threshold}以上的要求（至少 {required} 人）。",
    "share_fail": "{subject}共 {count} 人，占 {total} 人的 {percent}，未达到{threshold}以上的要求：在总人数不变的情况下，还需至少 {gap} 名{subject}替换现有人选。",
    "category_pass": "{subject}共 {count} 人。",
    "category_short": "{subject}共 {count} 人，少于要求的 {required} 人：请在总人数不变的情况下再替换 {gap} 名现有人选。",
    "category_fail": "没有{subject}：至少需要 1 名，请在总人数不变的情况下替换 1 名现有人选。",
    "trend_pass": "{subject}：{now}（上一届 {before}），有所提高。",
    "trend_fail": "{subject}：{now}，未高于上一届的 {before}：改革方案要求逐步提高。",
    "members_are_delegates_pass": "主席团委员均为本届代表。",
    "members_are_delegates_fail": "有 {count} 名主席团委员不是本届代表：{names}。",
    # people, terms, memberships
    "person_not_found": "找不到编号为 {person_id} 的人员。",
    "membership_not_found": "找不到编号为 {membership_id} 的任职记录。",
    "term_not_found": "{body}没有{term}。",
    "no_current_term": "{body}没有现任届次，请用 --term 指定届次。",
    "no_draft_term": "{body}没有筹备中的届次，请用 --term 指定届次。",
    "term_for_party_group": "党组不分届次，请不要使用 --term。",
    "association_required": "请用 --association 指定专门协会（blind、deaf、physical、intellectual、psychosocial）。",
    "association_not_allowed": "只有 --body association 需要 --association。",
    "position_not_allowed": "{body}不设“{position}”职务，可选：{choices}。",
    "term_exists": "{body}已有{term}，请勿重复建立。",
    "already_member": "{name}已在{body}{term}任职，同一届请勿重复添加。",
    "membership_already_ended": "该任职已于 {end_date} 结束，不能再次结束。",
    "end_before_start": "结束日期 {end_date} 早于开始日期 {start_date}。",
    "end_reason_required": "请填写结束原因（届满、辞职、免职、罢免、调离或去世）。",
    "stale_record": "该记录已被 {changed_by} 于 {changed_at} 修改，您看到的是旧内容。请重新载入后再修改。",
    # meetings, attendance, minutes (DOMAIN §6)
    "quorum_met": "应到{expected}人，实到{present}人，{reached}{share}，符合开会要求",
    "quorum_not_met": "应到{expected}人，实到{present}人，未{reached}{share}（至少需{required}人），不符合开会要求",
    "quorum_no_members": "应到{expected}人：没有应到的成员，不能开会",
    "meeting_not_found": "找不到编号为 {meeting_id} 的会议。",
    "meetings_not_for_body": "{body}的会议不在议事中管理；会议属于代表大会、主席团、执行理事会和党组。",
    "meeting_number_invalid": "会议次数应为正整数，而不是“{number}”。",
    "meeting_number_taken": "{series}已有第{number}次会议（{title}），请换一个次数，或不填由议事自动编号。",
    "meeting_number_conflict": "另一位工作人员刚刚安排了{series}的同一次会议，本次未保存。请重新载入后再试。",
    "meeting_outside_term": "会议日期 {meeting_date} 不在{term}的任期内（{start}至{end}）。",
    "meeting_year_changed": "党组会议按年编号，不能把{title}改到{year}年；请取消本次会议，在{year}年另行安排。",
    "meeting_status_change": "会议状态不能从“{before}”改为“{after}”。",
    "meeting_cancelled": "{title}已取消，不能再修改议题、出席情况或纪要；如要召开，请先把会议状态改回筹备中。",
    "meeting_recorder_twice": "记录人请从人员库中选择或填写姓名，二者选一。",
    "agenda_title_blank": "第{position}项议题的名称不能为空。",
    "agenda_item_unknown": "议题 {item_id} 不属于本次会议，请重新载入后再试。",
    "attendance_status_invalid": "{name}（{role}）的出席情况只能是：{choices}，而不是“{status}”。",
    "attendance_leave_reason": "{name}请假，请填写请假原因。",
    "attendance_substitute_needs_leave": "{name}委托他人代为列席时，本人应标为“请假”并填写原因。",
    "attendance_guest_incomplete": "不在人员库中的列席人员，请填写姓名、单位和职务。",
    "attendance_guest_not_member": "{name}不在人员库中，只能列席，不能作为成员计入应到人数。",
    "attendance_not_member": "{name}在会议当日（{meeting_date}）不是{body}成员，只能列席。",
    "attendance_member_missing": "出席情况缺少{count}名会议当日的{body}成员：{names}。每名成员都应标为出席、请假或缺席。",
    "attendance_duplicate": "{name}在出席情况中出现了两次。",
    "attendance_association_not_council": "只有执行理事会会议才登记专门协会负责人的参会情况。",
    "attendance_association_duplicate": "{association}在本次会议的出席情况中登记了两次。",
    "minutes_missing": "{title}还没有纪要。",
    "minutes_final": "{title}的纪要已于 {finalised_at} 定稿，不能直接修改。如需修正，请使用“修正纪要”并填写修正原因：原内容和修正后的内容都会保留，重新打印时一并注明。",
    "minutes_not_final": "纪要尚未定稿，可以直接修改，不需要修正。",
    "minutes_reason_required": "修正已定稿的纪要，须填写修正原因。",
    "minutes_no_change": "修正后的内容与原纪要相同，没有需要修正的地方。",
    "minutes_not_held": "{title}的状态是“{status}”，会议召开后才能定稿纪要。",
    "minutes_no_attendance": "{title}尚未登记出席情况，纪要不能定稿。",
    "minutes_no_agenda": "{title}没有议题，纪要不能定稿。",
    "minutes_section_empty": "第{position}项议题“{agenda_title}”还没有讨论情况或决定事项，纪要不能定稿。",
    # store and database
    "database_busy": "数据库正被其他操作占用（可能是另一位工作人员正在保存），本次操作未保存。请稍后重试。",
    "database_unusable": "无法使用数据库：{detail}",
    "database_newer": "该数据库由更新版本的议事创建（数据库版本 {revision}），本程序无法打开。请升级议事后再试。",
    "database_outdated": "数据库版本较旧（{current}），需要升级。共享的 PostgreSQL 数据库请由管理员运行 yishi db upgrade。",
    "database_not_sqlite": "备份和恢复只适用于本机 SQLite 数据库；PostgreSQL 请使用 pg_dump 等服务器工具。",
    "backup_target_exists": "备份文件 {path} 已存在，请换一个文件名。",
    "restore_not_yishi": "文件 {path} 不是议事数据库，未做任何恢复。",
    "restore_missing": "找不到文件 {path}。",
    "rules_invalid": "规则文件 {key} 有误，无法使用：{detail}",
    # motions (DOMAIN §4)
    "transition_not_allowed": "当前状态“{state}”不能执行“{action}”；可执行的操作：{allowed}。",
    "reason_required": "“{action}”须填写理由。",
    "return_window_passed": "已超过退办期限（交办后 {days} 个工作日，最后一天为 {last_day}），不能退办。",
    "extension_cap_passed": "延期后的期限不能晚于 {cap}（交办后 {months} 个月）。",
    "rating_required": "请选择办理结果评价（满意、基本满意或不满意）。",
    "lead_required": "并案须指定主案。",
    "calendar_year_missing": "期限落在尚无工作日历数据的年份，只按周末计算，请补充该年节假日安排。",
    "calendar_invalid": "工作日历 {key} 有误：{detail}",
    "calendar_year_invalid": "年份应在 2000 至 2100 之间，而不是 {year}。",
    "calendar_year_not_found": "工作日历中没有{year}年的数据。",
    "calendar_year_changed": "{year}年的工作日历已被 {changed_by} 修改，您看到的是旧内容。请重新载入后再修改。",
    "calendar_day_outside_year": "{day} 不在{year}年内：每年只能填写本年的日期。",
    "calendar_day_twice": "{day} 不能既是放假日又是调休上班日，请删去其中一项。",
    "calendar_make_up_weekday": "{day} 是{weekday}，不是周六或周日：调休上班日只能是周末（工作日本来就上班）。",
    "motion_not_found": "找不到编号为 {motion_id} 的提案。",
    "motion_field_required": "请填写{label}。",
    "motion_co_signer_twice": "联名人不能重复，也不能是提案人本人。",
    "motion_action_unknown": "不认识的提案操作“{action}”。",
    "motion_action_own_form": "操作“{action}”需在相应的办理表单中进行（立案、并案、交办、签收、退办、延期、答复、反馈）。",
    "motion_lead_invalid": "编号为 {lead_id} 的提案不能作为主案：主案须为本届已立案且本身未并案的提案。",
    "motion_one_lead_unit": "交办须指定且只能指定一个主办单位，其余为协办单位。",
    "motion_unit_twice": "同一承办单位不能重复交办。",
    "handling_unit_not_found": "找不到编号为 {unit_id} 的承办单位。",
    "handling_unit_name_blank": "请填写承办单位名称。",
    "handling_unit_name_taken": "已有承办单位“{existing}”，与“{name}”重名（名称不区分大小写、全角半角和空格），请换一个名称。",
    "handling_unit_name_inactive": "已有停用的承办单位“{existing}”，与“{name}”重名（名称不区分大小写、全角半角和空格）；如要继续使用，请启用该单位。",
    "handling_unit_kind_invalid": "单位类别只能是内设部门（internal）或外部单位（external），而不是“{value}”。",
    "handling_unit_stopped": "承办单位“{name}”已停用，不能再交办；请选择其他单位，或先在“承办单位”中启用它。",
    "handling_unit_in_use": "已有提案交办给该单位，只能停用。",
    "motion_contact_state": "提案处于“{state}”状态：沟通记录只在立案之后、办结之前登记。",
    "motion_not_assigned": "该提案尚未交办承办单位。",
    "extension_not_later": "延期后的期限须晚于现有期限 {due}。",
    "reply_class_required": "请选择答复类别（{choices}）。",
    "reply_signer_required": "答复须填写签发人后才能发出。",
    "reply_number_twice": "发文字号“{number}”填了两次（{first}、{second}）：分别答复时，每份答复函须有自己的发文字号。",
    "reply_number_used": "发文字号“{number}”本届已用于{motion}提案的答复函：一个发文字号只对应一份答复函，请换一个。",
    "reply_follower_unknown": "编号为 {motion_id} 的提案不是本案待答复的并案提案，请重新打开答复表单。",
    "feedback_still_awaited": "反馈等待期至 {due} 止，期满后才能按逾期未反馈办结。",
    # 三重一大 decisions (DOMAIN §5)
    "decision_not_found": "找不到编号为 {decision_id} 的三重一大事项。",
    "decision_action_not_allowed": "事项处于“{state}”状态，不能{action}。",
    "decision_steps_missing": "以下决策前必经程序尚未完成，也未注明不适用的理由：{steps}。请先补齐，或注明不适用的理由及认可人，再列入会议议程。",
    "decision_after_steps_missing": "决策后程序尚未完成：{steps}。完成后才能办结。",
    "decision_follow_ups_open": "还有 {count} 项执行事项未完成，全部完成后才能办结。",
    "decision_not_passed": "只有集体讨论“通过”的事项才能进入执行。",
    "decision_body_not_allowed": "“{category}”只能由{bodies}决定。",
    "decision_amount_required": "大额度资金使用须填写金额（元）。",
    "decision_amount_below": "金额 {amount} 元低于大额度资金标准 {threshold} 元，不属于“大额度资金使用”，请核对类别或金额。",
    "decision_step_unknown": "“{category}”的程序中没有“{kind}”，可选：{choices}。",
    "decision_step_discussion": "“集体讨论决定”由会议记录，不能单独登记或注明不适用。",
    "decision_step_na_reason": "注明“{kind}”不适用，须写明理由和认可人。",
    "decision_step_after_early": "“{kind}”是决策后程序，须在集体讨论通过后登记。",
    "decision_attachment_empty": "附件“{filename}”是空文件，未添加。",
    "decision_attachment_same": "附件“{filename}”与已有附件“{existing}”内容相同，未重复添加。",
    "decision_attachment_too_large": "附件“{filename}”超过 {limit_mb} MB，请压缩或只附必要部分。",
    "decision_attachment_damaged": "附件“{filename}”的内容与登记时的 SHA-256 不符，可能已损坏，请从备份恢复。",
    "decision_attachment_not_found": "找不到编号为 {attachment_id} 的附件。",
    "decision_meeting_body": "该会议是{meeting_body}的会议，而本事项由{body}决定，请选择{body}的会议。",
    "decision_not_in_advance": "须在会前列入议程（会议日期 {meeting_date}），不得临时动议；请选择以后的会议。",
    "decision_meeting_done": "该会议已经开过，不能再列入议程，请选择以后的会议。",
    "decision_not_on_agenda": "事项尚未列入会议议程，不能记录集体讨论。",
    "decision_quorum_not_met": "{words}，不足{share}（至少需 {required} 人），不能讨论决定；可暂缓表决。",
    "decision_position_not_present": "{name}未出席该议题（或已回避），不能表态；不得委托表决。",
    "decision_position_twice": "{name}的表态登记了两次。",
    "decision_positions_missing": "还有 {count} 名出席成员没有表态，请逐一记录。",
    "decision_leader_not_last": "主要负责同志应末位表态：最后一位表态的应是{name}。",
    "decision_recusal_reason": "{name}回避，须写明回避理由。",
    "decision_participant_unknown": "{name}不是该机构在会议日期的成员，不能计入应到。",
    "decision_reopen_counts": "同意复议人数 {agree} 应在 0 至成员总数 {members} 之间。",
    "agenda_item_has_decision": "议题“{title}”是三重一大事项的讨论议题，不能从议程中删除。",
    "decision_follow_up_not_found": "找不到编号为 {follow_up_id} 的执行事项。",
    "decision_emergency_report_early": "报告会议（{meeting_date}）早于紧急处置日期 {decided_on}。",
    # printed papers
    "glyph_missing": "“{context}”中的“{characters}”字在程序自带的字体中都没有，PDF 中无法正确显示，请核对写法，或打印后手工补写。",
    # files (DOMAIN §8)
    "file_unreadable": "无法读取文件 {path}：它不是有效的 Excel 表格（.xlsx 或 .xls），或者文件已损坏。请用 Excel 或 WPS 打开后另存为 .xlsx 再试。",
    "file_encrypted": "文件 {path} 设置了打开密码，无法读取。请在 Excel 或 WPS 中取消密码后另存，再导入。",
    "header_not_found": "在文件 {path} 中没有找到表头：各工作表的前10行中都没有同时含“姓名”和“性别”的一行。请使用议事提供的名单模板（yishi template slate）。",
    "headers_missing": "工作表“{sheet}”缺少必需的列：{missing_text}。列名须与模板一致，可用的列名有：{expected}。",
    # command line
    "bad_arguments": "命令参数有误：{detail}",
    "demo_present": "数据库中已有演示数据，无需重复生成。",
    "demo_other_data": "数据库中已有非演示数据（人员 {people} 人，或已建立的届次、选举单位）。如确需清空后生成演示数据，请加 --force。",
    # the federation's profile and the rules file in force (first run, 设置 → 本会信息)
    "profile_missing": "本会信息尚未填写：请先运行 yishi setup --name 全称 --short 简称，或在窗口中完成首次设置。",
    "profile_postcode_invalid": "邮政编码应为 6 位数字（如 102300），现在填的是“{value}”。",
    "profile_names_required": "首次设置须同时给出本会全称和简称，例如：yishi setup --name 门头沟区残疾人联合会 --short 门残联（缺少：{missing}）。",
    # terms of every body: open, correct, delete, elect, hand over (DOMAIN §8 terms' lifecycle)
    "term_not_draft": "{body}{term}不是筹备中的届次，不能{action}。",
    "current_term_exists": "{body}已有现任的{current}，不能再建立一届现任。请先建为筹备中，换届时用“设为现任”。",
    "term_ordinal_invalid": "届次 {term} 无效，请填写 1 或更大的整数。",
    "term_dates_reversed": "结束日期 {end_date} 早于开始日期 {start_date}，请更正。",
    "term_not_empty": "{body}{term}已有{held}，不能删除。只能删除没有任何人员和会议的筹备中届次。",
    "election_not_for_body": "{body}不经选举产生，无需记录选举结果；请直接在名单中加入人员。",
    "election_no_candidates": "{body}{term}还没有候选人，无法记录选举结果。请先导入候选人名单。",
    "election_result_twice": "{name}的选举结果填写了不止一次，请只保留一行。",
    "not_a_candidate": "{name}（身份证号 {id_number}）不是{body}{term}的候选人或候补人选，不能记录其选举结果。请核对身份证号，或先把此人加入候选人名单。",
    "election_reserve_only_moved_up": "{name}是{body}{term}的候补人选，只能记录为“递补”。",
    "election_moved_up_not_reserve": "{name}是{body}{term}的候选人，不是候补人选，请记录为“当选”或“未当选”。",
    "election_result_invalid": "“结果”为“{value}”，应为“当选”或“未当选”（递补请在窗口中记录）。",
    "election_results_empty": "选举结果表 {path} 中没有数据行。",
    "election_results_rejected": "选举结果表有 {count} 处错误，未记录任何结果。请改正后重新运行。",
    "term_already_current": "{body}{term}已是现任届次。",
    "term_is_past": "{body}{term}是往届，不能再设为现任。",
    "term_undecided": "{body}{term}还有 {count} 名候选人没有记录选举结果，请先记录选举结果（当选或未当选）再设为现任。",
    "term_older_than_current": "{body}现任的是{current}，不能把更早的{term}设为现任。",
    "handover_after_end": "换届日期 {date} 晚于{body}{term}的结束日期，请先更正日期。",
    "handover_before_start": "换届日期 {date} 早于{previous}的开始日期 {start_date}，请更正换届日期。",
    "candidates_from_congress_presidium_only": "只有主席团的候选人从代表大会代表中产生。",
    "not_a_delegate": "{name}不是代表大会{term}的代表，不能作为主席团候选人从代表中添加。",
    # electoral units and their seats (选举单位与名额)
    "unit_not_found": "找不到选举单位“{name}”。",
    "unit_id_not_found": "找不到编号为 {unit_id} 的选举单位，可能已被其他人删除，请刷新后再试。",
    "unit_name_taken": "已有选举单位“{name}”，请换一个名称。",
    "unit_kind_invalid": "选举单位类型只能是街道、镇或界别，而不是“{value}”。",
    "units_congress_only": "只有代表大会的届次设选举单位和名额，{body}没有选举单位。",
    "seats_invalid": "选举单位“{name}”的名额“{value}”无效：名额须为 0 或正整数。",
    "unit_seats_spec_invalid": "“{value}”不是“选举单位=名额”的写法，例如 --unit 大峪街道=12。",
    "unit_given_twice": "选举单位“{name}”写了不止一次，每个单位只能写一次。",
    "unit_order_incomplete": "调整顺序时须列出全部选举单位，每个只列一次。",
    "unit_in_use": "选举单位“{name}”仍被 {count} 条任职记录使用（{uses}），不能删除。请先在这些人的本届信息中改用其他选举单位。",
    "unit_in_use_now": "选举单位“{name}”刚被其他人使用，不能删除，请刷新后再看。",
    # the sitting roster imported from the office's own files
    "roster_position_unknown": "职务“{value}”不是{body}的职务，可选：{choices}。",
    "roster_term_past": "{body}{term}已是往届，不能导入在任名单：请选择筹备中或现任的届次。",
    "roster_body_without_terms": "{body}不分届次，不能导入在任名单：请在窗口中逐人加入。",
    "person_conflict": "身份证号 {id_number} 已登记为“{name}”，{label}与本表不同：人员库中为“{registry}”，本表为“{file}”。默认保留人员库中的信息；如以本表为准，请在预览中勾选“以文件为准”，或在命令行加 --update-people。",
    "units_unknown_hint": "本表有 {count} 个本届没有的选举单位：{names}。请先设置选举单位，或在预览中勾选新建（命令行加 --create-units），新建的单位名额为 0。",
    # a member's per-term facts entered by hand (加入本届、编辑本届信息)
    "membership_ended_no_edit": "该任职已于 {end_date} 结束，不能再修改本届信息。",
    # issue 14 — motions entered by hand (新建提案, yishi motions add), edited, resubmitted
    "proposer_ambiguous": "“{value}”对应多名本届委员：{names}。请改用人员编号。",
    "member_not_found": "“{value}”不是第{term}届主席团的委员。请输入本届委员的姓名、拼音或人员编号。",
    "proposer_not_member": "提案人{name}不是第{term}届主席团的委员，提案人须是本届主席团委员。",
    "co_signer_not_member": "附议人{name}不是第{term}届主席团的委员，附议人须是本届委员。",
    "co_signer_twice": "附议人{name}填了两次，每人只能附议一次。",
    "co_signer_is_proposer": "提案人{name}不能同时是附议人，请从附议人中去掉。",
    "motion_category_unknown": "类别“{value}”不是提案的类别，可选：{choices}。",
    "motion_not_editable": "提案“{title}”现在是{state}，只有审查中或退回修改的提案才能修改。",
    # issue 14 — a motion's attachments (附件)
    "motion_attachment_empty": "附件“{filename}”是空文件，未添加。",
    "motion_attachment_too_large": "附件“{filename}”超过 {limit_mb} MB，请压缩或只附必要部分。",
    "motion_attachment_same": "附件“{filename}”与该提案已有的附件“{existing}”内容相同，未重复添加。",
    "motion_attachment_not_found": "找不到编号为 {attachment_id} 的附件，可能已被他人删除。请刷新后再试。",
    "motion_attachment_not_removable": "提案“{title}”现在是{state}，附件“{filename}”已归档，不能删除；只有已提交、审查中或退回修改的提案才能删除附件。",
    "motion_attachment_damaged": "附件“{filename}”的内容与登记时的 SHA-256 不符，可能已损坏，请从备份恢复。",
    # issue 15 — who may do what: the core's refusals
    "account_refused": "账户名或密码不正确，或该账户已停用。请核对后重试，或请管理员重置密码。",
    "role_refused": "当前账户（{role}）无权{action}。如需办理，请联系本会的管理员。",
    "unit_scope_refused": "承办单位账户（{unit}）只能办理交由本单位承办的提案；这件提案不由本单位承办，无权{action}。",
    # issue 15 — accounts, passwords and signing in
    "login_invalid": "账户名“{value}”不可用：须以小写字母开头，只含小写字母、数字和下划线，共 2–31 个字符，且不能是 postgres、admin 等保留名或以 pg_、yishi_ 开头。",
    "password_too_short": "密码太短：至少 {minimum} 个字符。",
    "password_too_long": "密码太长：最多 {maximum} 个字符。",
    "password_too_simple": "密码太简单：须同时包含字母、数字、符号中的至少两类，且不能几乎全是同一个字符。",
    "password_contains_login": "密码中不能包含账户名。",
    "password_common": "这个密码过于常见，容易被猜中，请换一个。",
    "password_same_as_old": "新密码不能与原密码相同。",
    "password_old_wrong": "原密码不正确，密码未修改。",
    "password_change_required": "首次登录或密码被重置后，须先修改密码才能继续使用（命令行：yishi users change-password）。",
    "display_name_required": "请填写账户使用人的姓名。",
    "login_taken": "账户名“{login}”已被使用，请换一个。",
    "account_unknown": "没有名为“{login}”的账户。",
    "unit_account_needs_unit": "承办单位账户须指定所属的承办单位。",
    "unit_only_for_unit_accounts": "只有承办单位账户才指定所属单位；其他角色请不要填写单位。",
    "account_unit_unknown": "承办单位“{unit}”不存在或已停用。请先在“承办单位”中添加或启用它。",
    "last_admin": "不能停用或降级最后一个可登录的管理员账户，否则将无人能管理账户。请先新增另一个管理员。",
    "sign_in_needs_admin": "开启“须登录使用”前，须先有一个已设置密码、处于启用状态的管理员账户（yishi users add --role admin）。",
    "own_account_disable": "不能停用自己正在使用的账户。",
    # issue 15 — the audit trail and its hash chain
    "audit_chain_intact": "操作记录完整：已核验 {checked} 条记录，没有发现被改动、删除或插入的记录。",
    "audit_chain_empty": "还没有任何操作记录，无需核验。",
    "audit_entry_altered": "第 {id} 条操作记录（{at}，{who}，{entity}）的内容与它的哈希不符：这条记录写入后被改动过。已核验 {checked} 条。请从核验无误的备份恢复数据库，并查明是谁改动了数据库文件。",
    "audit_entry_unlinked": "第 {id} 条操作记录（{at}，{who}，{entity}）没有接在前一条记录之后：它前面的记录被删除了，或它是后来插到这里的。已核验 {checked} 条。请从核验无误的备份恢复数据库，并查明是谁改动了数据库文件。",
    "audit_entry_unsealed": "第 {id} 条操作记录（{at}，{who}，{entity}）没有哈希：它不是议事写入的，而是绕过程序加进数据库的。已核验 {checked} 条。请从核验无误的备份恢复数据库，并查明是谁改动了数据库文件。",
    "audit_head_mismatch": "第 {id} 条操作记录（{at}，{who}，{entity}）的哈希与另外保存的不一致：操作记录从这条往前被整段重写过。已核验 {checked} 条。请从核验无误的备份恢复数据库，并查明是谁改动了数据库文件。",
    "audit_head_missing": "另外保存的第 {id} 条操作记录已不存在：操作记录被截短或整段重写过。已核验 {checked} 条。请从核验无误的备份恢复数据库，并查明是谁改动了数据库文件。",
    "audit_export_not_xlsx": "操作记录只能导出为 .xlsx 文件：请把文件名改为以 .xlsx 结尾。",
    "audit_export_unwritable": "无法写入 {path}：{reason}。请换一个文件夹或文件名，或先关闭正打开此文件的程序。",
    # issue 15 — PostgreSQL roles, grants and row-level security
    "pg_grants_refused": (
        "数据库账户 {who} 无权设置议事的数据库权限（{detail}）。数据库结构已是最新，但角色组、"
        "授权和行级安全策略未设置：请用数据表的所有者、且具有 CREATEROLE 权限的数据库账户"
        "重新运行 yishi db upgrade；或请数据库超级用户先按说明书（README）"
        "“PostgreSQL 的账户与权限”一节建好 yishi_admin 等五个角色组，"
        "再以数据表所有者的账户运行 yishi db upgrade。"
    ),
    # issue 15 — the window: sign-in, accounts and the audit trail
    "sign_in_needs_password": "本数据库须登录使用：冒烟检查请用 --user 指定账户名，并在环境变量 YISHI_PASSWORD 中提供该账户的密码。",
    # issue 14 — many motions at once from a file (yishi motions import)
    "motion_title_repeated": "{proposer}已有标题为“{title}”的提案，同一提案人不能重复提交同一标题。",
    "motion_title_repeated_in_file": "本表第 {row} 行已有{proposer}标题为“{title}”的提案，同一提案人不能重复提交同一标题。",
    "motion_header_not_found": "在文件 {path} 中没有找到提案表头：各工作表的前10行中都没有同时含“提案人”和“标题”的一行。请使用议事提供的提案模板（yishi template motions）。",
    "motion_sheet_empty": "提案表为空：没有读到任何数据行。",
    "motion_proposer_missing": "请填写提案人（本届主席团委员的姓名）。",
    "motion_proposer_unknown": "提案人“{name}”不是{term}主席团委员，请从下拉列表中选择。",
    "motion_cosigner_unknown": "附议人“{name}”不是{term}主席团委员；多名附议人请用顿号（、）分隔。",
    "motion_cosigner_repeated": "附议人“{name}”重复填写，或与提案人是同一人。",
    "motion_title_empty": "请填写提案标题。",
    "motion_title_too_long": "提案标题过长（{length} 字），最多 {limit} 字。",
    # issue 14 — the 提案表 and every paper from the window
    "motion_form_choice": "提案表请用 --motion ID 打印某件提案，或用 --blank 打印空白表，二者选一。",
    # issue 14 — co-units' opinions and overdue follow-ups of decisions
    "co_unit_opinion_missing": "请填写协办单位意见。",
    "co_unit_not_co_unit": "{unit}不是该提案（现交办中）的协办单位，不能登记协办单位意见；请先在交办时列为协办单位。",
    # issue 14 — reply templates edited in the window
    "reply_template_unknown_variable": "答复函模板中的变量“{name}”不是可用的变量，可用：{choices}。",
    "reply_template_name_blank": "请填写模板名称。",
    "reply_template_text_blank": "模板“{name}”的正文不能为空。",
    "reply_template_name_taken": "已有名为“{name}”的答复函模板，请换一个名称。",
    "reply_template_not_found": "没有名为“{name}”的答复函模板，可能已被其他人删除或改名。请重新载入后再修改。",
    "reply_template_changed": "答复函模板“{name}”已被 {changed_by} 修改，您看到的是旧内容。请重新载入后再修改。",
    "reply_template_class_invalid": "答复类别“{value}”不在现行规则中，可选：{choices}。",
    "reply_template_last": "至少要保留一个答复函模板。",
    # issue 14 — printed text that survives copying; messages that say what happened
    "file_not_found": "找不到文件 {path}，请检查文件名和所在文件夹。",
    # exported spreadsheets store text as text; messages that would repeat a row list (issue 13)
    "rows_and_more": "第 {rows} 行等共 {count} 行",
    "dup_id_rows_more": "身份证号 {id_number} 与{rows_and_more}重复，同一人只能填一行。",
    # hostile spreadsheets checked before the reader sees them
    "file_too_large": "表格过大或已损坏：{detail}。请检查文件，或把名单拆成几个文件后再导入。",
    # the command line's and the window's last word on an unexpected failure
    "unexpected_failure": "程序遇到意外错误，操作未完成。错误报告已保存到 {path}（身份证号已遮盖），请把它发给技术支持。",
    "unexpected_failure_unsaved": "程序遇到意外错误，操作未完成；错误报告也未能保存（{detail}）。请记下出错前的操作，告诉技术支持。",
    "interrupted": "操作已中断，未完成的保存没有写入。",
    "file_missing": "找不到 {path}。请检查文件名和所在的文件夹是否正确。",
    "folder_missing": "无法写入 {path}：所在的文件夹不存在，或路径中有一段不是文件夹。请先建立该文件夹，或换一个保存位置。",
    "file_denied": "没有权限读写 {path}。请换一个位置，或请管理员开放该文件夹的权限。",
    "file_is_folder": "{path} 是一个文件夹，这里需要的是文件：请在路径末尾写上文件名。",
    "disk_full": "磁盘空间不足，无法写入 {path}。请清理磁盘，或换一个保存位置（如 U 盘）后重试。",
    "file_failed": "无法读写 {path}：{detail}。请检查后重试。",
    "file_failed_plain": "读写文件失败：{detail}。请检查后重试。",
    "database_conflict": "保存未完成：要写入的记录与数据库中已有的记录冲突（例如同一条记录被重复登记，或另一位工作人员刚刚做了同样的操作）。请刷新后核对再试；如反复出现，请联系技术支持。",
    # backups and restores, checked and recorded
    "backup_damaged": "数据库文件 {path} 已损坏（{detail}），不能用来备份或恢复。",
    "backup_folder_unusable": "无法写入备份文件夹 {path}（{detail}）。请检查 U 盘或网络共享文件夹是否已连接、是否有写入权限。",
    "auto_backup_keep_invalid": "保留份数应为 1 到 1000 之间的整数，现为 {value}。",
    "auto_backup_no_folder": "请先选择自动备份的文件夹（如 U 盘或网络共享文件夹），再开启自动备份。",
    # two clerks adding one person to one term at the same moment
    "membership_taken": "{name}刚刚已被{who}加入{body}{term}，不能重复加入。请刷新后查看。",
    "record_taken": "{what}刚刚已被其他用户保存，本次没有保存。请刷新后查看，需要时再试一次。",
    # encryption at rest (SQLCipher)
    "database_password_wrong": "数据库密码不正确，无法打开 {path}。请检查密码（区分大小写），或改用加密时打印的恢复密钥。",
    "database_cipher_sqlite_only": "只有本机 SQLite 数据库可以加密或解密；PostgreSQL 请在服务器上设置磁盘加密。",
    "database_password_required": "数据库 {path} 已加密，需要密码才能打开。命令行请用 --db-password-stdin 从标准输入给出密码，或设置环境变量 YISHI_DB_PASSWORD；忘记密码时可用恢复密钥代替密码。",
    "database_password_missing": "请给出新密码：加 --password-stdin 从标准输入读入，或设置环境变量 YISHI_DB_PASSWORD。密码不能写在命令行上。",
    "database_password_short": "密码太短：至少需要 {length} 个字符。",
    "database_already_encrypted": "数据库 {path} 已经加密，无需再次加密。",
    "database_not_encrypted": "数据库 {path} 没有加密，无需解密。",
    "database_in_use": "数据库 {path} 正被其他程序（如议事窗口）使用，无法转换。请先关闭议事窗口再试。",
    "database_convert_failed": "转换数据库 {path} 失败（{detail}），原数据库未改动。",
    # a what-if trial saved as one change of the slate
    "trial_reason_required": "请填写调整名单的理由。",
    "trial_empty": "试算没有改动名单：请先取消勾选要换下的候选人或勾选要替补的候补人选，再保存。",
    "trial_term_not_draft": "{body}{term}{status}，名单不能再调整：只有筹备中届次的名单可以保存调整。",
    "trial_not_candidate": "{name}不是{body}{term}的候选人，不能换下。请重新载入名单后再试。",
    "trial_not_reserve": "{name}不是{body}{term}的候补人选，不能替补。请重新载入名单后再试。",
    "trial_stale": "名单已被 {changed_by} 于 {changed_at} 修改（{name}），本次试算依据的是旧名单，没有保存。请重新载入名单后再调整。",
    # issue 15 — the command line: signing in and `yishi users` (desktop/cli/signing.py, users.py)
    "sign_in_user_missing": "此数据库须登录使用：请用 --user 指定您的账户名，并用 --password-stdin 从标准输入或用环境变量 YISHI_PASSWORD 给出密码。",
    "account_password_missing": "此数据库须登录使用：请给出账户密码——加 --password-stdin 从标准输入读入，或设置环境变量 YISHI_PASSWORD。密码不能写在命令行上。",
    "old_password_missing": "请给出原密码：加 --password-stdin 从标准输入读入（第一行原密码，第二行新密码），或设置环境变量 YISHI_PASSWORD。密码不能写在命令行上。",
    "new_password_missing": "请给出新密码：在标准输入中另起一行给出（位于 --db-password-stdin、--password-stdin 所读的行之后），或设置环境变量 YISHI_NEW_PASSWORD。密码不能写在命令行上。",
    "new_password_mismatch": "两次输入的新密码不一致，密码没有修改。",
    # issue 17 — the registers' .xlsx templates and imports (models/importing/register_*.py)
    "register_import_unsupported": "“{register}”没有导入用的表格，可导入：{choices}。",
    "register_header_not_found": "在文件 {path} 中没有找到{register}的表头：各工作表的前10行中都没有同时含{headers}的一行。请使用议事提供的模板（yishi template {command}）。",
    "register_sheet_empty": "{register}表为空：没有读到任何数据行。",
    "register_year_invalid": "{label}应为四位数的年份，如 2026，而不是“{value}”。",
    "register_count_invalid": "{label}应为不小于 0 的整数，而不是“{value}”。",
    "register_row_repeated": "与本表第 {row} 行重复（{what}相同），同一条记录只能填一行。",
    "register_group_inconsistent": "“{name}”在本表第 {row} 行的{label}是“{other}”，本行是“{value}”，两行应一致。",
    "register_township_unknown": "街乡镇“{value}”不在街乡镇名册中，请先添加（可导入村和社区表），或核对名称。",
    "register_township_kind_unknown": "街乡镇“{value}”不在名册中，且无法从名称判断是街道还是乡镇：名称应以“街道”“镇”或“乡”结尾，或先在街乡镇名册中添加。",
    "register_place_unknown": "{township}没有名为“{value}”的{kind}，请先在村和社区名册中添加，或核对名称。",
    "register_place_ambiguous": "名为“{value}”的{kind}不止一个：{names}。请写成“街乡镇/名称”。",
    "register_place_kind_differs": "{township}的“{value}”在名册中是{registered}，本行填的是{kind}。",
    "register_member_unknown": "“{value}”不是现任党组成员或执行理事会成员，请核对姓名。",
    "register_member_ambiguous": "现任党组成员和执行理事会成员中有多人名为“{value}”（编号 {ids}），请改用人员编号。",
    "register_home_unknown": "温馨家园名册中没有“{value}”，请先导入温馨家园，或核对名称。",
    "register_already_registered": "{what}已在{register}中，不能重复导入。",
    "register_organisation_differs": "组织“{name}”已在名册中，其{label}是“{registered}”，本行是“{value}”。",
    "register_required_with": "填写了{others}时，{label}为必填项。",
    "register_place_required": "{kind}须填写所在的村或社区。",
    # issue 17 — the organisation registers: records, their checks, templates and imports
    "register_record_not_found": "{register}中没有这一条记录（编号 {id}），可能已被删除。请刷新后再试。",
    "register_reference_missing": "所选的{label}（编号 {id}）不存在，可能已被删除。请刷新后重新选择。",
    "register_reference_ended": "{label}“{name}”已于 {ended_on} 结束，不能再选用。",
    "register_name_taken": "{register}中已有“{name}”（编号 {id}{ended}），名称不能重复。请修改那一条，或换一个名称。",
    "place_name_taken": "{township}已有名为“{name}”的{kind}（编号 {id}{ended}），同一街乡镇内名称不能重复。",
    "population_year_taken": "{place} {year} 年的人口数据已经登记（编号 {id}），请修改那一条。",
    "population_year_invalid": "年度 {year} 无效：应在 1949 至 2100 年之间。",
    "population_count_invalid": "{label}应为 0 或正整数，而不是“{value}”。",
    "population_counts_missing": "请至少填写残疾人口、常住人口中的一项。",
    "cadre_category_not_disabled": "填写了残疾类别“{category}”，但没有标明是残疾人：请标明残疾人，或清除残疾类别。",
    "ended_before_started": "结束日期 {ended_on} 早于开始日期 {started_on}，请核对。",
    "record_already_ended": "{register}中的这一条记录（{name}）已于 {ended_on} 结束。",
    "register_not_ending": "{register}中的记录不做“结束”：登记错了可以删除。",
    "register_not_removable": "{register}中的记录不删除，以便保留历史：请用“结束”并填写结束日期。",
    "contact_person_not_member": "{name}不是现任党组或执行理事会成员，不能设联系点。",
    "contact_place_kind": "{label}应为{kind}，而“{name}”是{actual}。",
    "contact_point_open": "{name}已有在用的联系点（编号 {id}），一人只能有一个联系点：请先结束原联系点，再登记新的。",
    "visit_person_not_member": "{name}在 {year} 年不是党组或执行理事会成员：走访记录只为他们登记。",
    "visit_in_future": "走访日期 {visited_on} 晚于今天，请核对。",
    "organisation_place_not_allowed": "街乡镇残联设在街道或乡镇一级，不对应村或社区：请不要选择村或社区。",
    "organisation_place_required": "{kind}须选择所在的{place_kind}。",
    "organisation_place_kind": "{kind}应设在{place_kind}，而“{name}”是{actual}。",
    "place_other_township": "“{place}”属于{place_township}，不属于所选的{township}。",
    "officer_role_kind": "{kind}没有“{role}”这一职务，可选：{choices}。",
    "officer_post_not_chair": "只有主席登记在居（村）委员会的职务（主任、副主任），{role}不登记。",
    "register_person_ambiguous": "“{value}”对应多人：{names}。请改用人员编号。",
    "register_person_unknown": "找不到“{value}”：{where}。",
    "register_name_ambiguous": "{label}“{value}”有多个：{names}。请改用编号。",
    "register_name_unknown": "没有名为“{value}”的{label}。",
    "register_record_taken": "{register}中刚刚有人登记了相同的记录（{name}），请刷新后再试。",
    # issue 17 — the organisation rules (DOMAIN §3) and `yishi check organisation`
    "organisation_year_invalid": "年度 {year} 无效：请给出四位数的年份，如 2026。",
    # issue 17 — the 改革落实情况 dashboard
    "dashboard_nothing_today": "今天没有需要处理的事项。",
    # issue 17 — the yearly reform report (yishi print reform-report)
    "reform_report_year_missing": "请用 --year 给出报告的年度，如 --year 2026。",
}


def message(code: str, params: Mapping[str, Any] | None = None) -> str:
    """Chinese text for a code; an unknown code is still shown, never swallowed."""
    params = dict(params or {})
    if code == "id_format" and params.get("old_15_digit"):
        code = "id_format_old"
    if code == "dup_id" and "rows" in params:  # a slate's rows, not a registered holder
        code = "dup_id_rows"
        if _more_than_shown(params):
            code = "dup_id_rows_more"
            params["rows_and_more"] = MESSAGES["rows_and_more"].format(
                rows=params["rows"], count=f"{params['count']:,}"
            )
    # Never an ID number whole in a message: a value shaped like one is masked (DOMAIN §7).
    params = {key: _masked(value) for key, value in params.items()}
    template = MESSAGES.get(code)
    if template is None:
        return f"{code} {params}" if params else code
    try:
        return template.format(**params)
    except (KeyError, IndexError):
        return template


def _more_than_shown(params: Mapping[str, Any]) -> bool:
    """A row list cut short: "rows" names fewer rows than "count" says there are."""
    count = params.get("count")
    shown = str(params.get("rows") or "").count("、") + 1
    return isinstance(count, int) and count > shown


def _masked(value: Any) -> Any:
    if isinstance(value, str):
        return mask_ids_in_text(value)
    if isinstance(value, list | tuple):
        return [_masked(item) for item in value]
    return value
