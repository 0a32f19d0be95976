"""The demo's 三重一大 matters: nine decisions of 2026 in every state, entered through the services.

Like the rest of the demo, every step is a clerk's action on the real path — register, record
steps, attach files, put on a planned meeting's agenda in advance, record attendance and the
discussion, follow up — on the day the clerk's clock is set to, so the demo also proves those
paths. It runs after the federation and its meetings. Three meetings are planned for it:
the council's 第十三次 (held), the 党组's 2026年第4次 (held) and the council's 第十四次 (planned).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta

from models.demo.clock import DemoClock
from models.demo.decision_clerk import Clerk, agenda, discuss, follow_up, members_of
from models.domain.vocabulary import BodyKind
from models.services.decisions.commands.follow_up import complete_decision, update_follow_up
from models.services.decisions.commands.matters import record_emergency, report_emergency
from models.services.decisions.commands.steps import add_attachment, mark_step_not_applicable
from models.services.decisions.contracts import DecisionDraft
from models.store.unit_of_work import Database

COUNCIL_13 = date(2026, 10, 15)
PARTY_4 = date(2026, 10, 22)
COUNCIL_14 = date(2026, 12, 17)
_HALL = "区残联三楼会议室"
RECUSAL = "其配偶任职于拟承接适配服务的辅具企业"
RESERVED = (
    "按比例就业年度指标定为新增200人偏高，建议首年100人、此后逐年递增，"
    "并请在方案中写明未达标时的调整办法。"
)
EXPERT_OPINION = """专家论证意见

论证时间：2026年9月8日
论证专家：康复医学、社会工作、财务管理专家各1名

经论证，辅助器具适配项目资金测算依据充分，适配目录与本区残疾人需求调查结果相符，
建议按政府采购程序实施，并建立适配后回访制度。
"""
LEGAL_OPINION = """法律意见书

区残联法律顾问对项目实施方案及采购文件进行了审查，认为方案符合政府采购法及
本市残疾人辅助器具服务管理办法的规定，合同条款无重大法律风险。
"""


def _matter_steps(kinds: Sequence[str], day: date, subject: str):  # type: ignore[no-untyped-def]
    """The seed's 必经程序 recorded as done, with who took part and what came of it."""
    texts = {
        "前期调查研究": ("康复部、各街道残联", f"走访调研{subject}的现状与需求，形成调研报告。"),
        "残疾人及相关利益方参与": (
            "五个专门协会代表12人、残疾人家属代表4人",
            "召开座谈会听取意见，吸收采纳建议6条。",
        ),
        "专家论证": ("区内相关领域专家3人", "专家组论证认为方案可行，提出完善建议。"),
        "法律顾问审查": ("区残联法律顾问", "审查认为方案内容合法合规，无重大法律风险。"),
        "社会稳定风险评估": ("办公室、维权部", "评估结论为低风险，可以实施。"),
    }
    return [(kind, day, *texts[kind]) for kind in kinds]


ALL_MATTER_STEPS = (
    "前期调查研究",
    "残疾人及相关利益方参与",
    "专家论证",
    "法律顾问审查",
    "社会稳定风险评估",
)
C13_MINUTES = {
    "2026年前三季度预算执行情况": (
        "财务科报告了前三季度预算执行情况，执行率为71.3%。",
        "会议要求加快辅助器具适配等项目的支出进度。",
    ),
    "区残疾人辅助器具适配服务项目资金": (
        "会议听取了项目方案、专家论证意见和法律顾问审查意见，一名理事按规定回避。",
        "会议同意项目资金安排，按政府采购程序实施。",
    ),
    "区残疾人就业促进三年行动方案（2027—2029年）": (
        "会议逐条讨论了行动方案，一名理事对年度指标发表保留意见。",
        "会议原则通过行动方案，保留意见记录在案。",
    ),
    "区残疾人综合服务中心二期扩建项目": (
        "会议讨论了扩建方案，多名理事认为选址和规模需进一步研究。",
        "表决未获通过，请康复部会同有关方面重新论证。",
    ),
    "区温馨家园智能化改造": (
        "会议讨论了改造方案，部分理事认为测算依据不足。",
        "会议决定暂缓表决，补充论证后提交下次会议。",
    ),
}
REPORT_MINUTES = (
    "理事长通报了7月30日汛期紧急转移安置农村重度残疾人的处置情况，共转移安置23人。",
    "会议对紧急处置情况予以确认。",
)
P4_MINUTES = {
    "任免区残联办公室主任、康复部部长": (
        "会议听取了动议、民主推荐、考察和酝酿情况的汇报，党组成员逐一表态，党组书记最后表态。",
        "会议同意任免事项，按规定进行任前公示。",
    )
}
C13_PLACED, P4_PLACED, C14_PLACED = date(2026, 9, 30), date(2026, 10, 8), date(2026, 11, 20)
PLANNED = date(2026, 9, 1)  # the three meetings of the matters planned on the clerk's calendar
ON_LEAVE = "参加市残联业务培训"


def write_demo_decisions(db: Database, clock: DemoClock, *, user: str) -> int:
    """Add the demo's 三重一大 matters and the meetings they go to; returns how many matters.

    `db` stamps `clock`'s time: the clerk sets it to the day of each step (`clerk.on`)."""
    clerk = Clerk(db, user, clock)
    clerk.on(PLANNED)
    council, party = (
        members_of(db, BodyKind.EXECUTIVE_COUNCIL),
        members_of(db, BodyKind.PARTY_GROUP),
    )
    chair, away, recused = council.leader, council.others()[-1], council.others()[-2]
    report_item = "通报汛期紧急转移安置重度残疾人紧急处置情况"
    c13 = clerk.meeting(
        BodyKind.EXECUTIVE_COUNCIL,
        COUNCIL_13,
        council.ids[chair],
        _HALL,
        [("预算执行情况监督", "2026年前三季度预算执行情况"), ("其他", report_item)],
    )
    p4 = clerk.meeting(
        BodyKind.PARTY_GROUP, PARTY_4, party.ids[party.leader], "区残联党组会议室", []
    )
    c14 = clerk.meeting(
        BodyKind.EXECUTIVE_COUNCIL,
        COUNCIL_14,
        council.ids[chair],
        _HALL,
        [("审议执行理事会工作报告", "审议区残联执行理事会2026年工作总结")],
    )

    clerk.on(date(2026, 9, 8))
    # Registered and prepared: every gate settled before the agenda (no 临时动议).
    funds = clerk.new(
        "区残疾人辅助器具适配服务项目资金",
        "大额度资金使用",
        "council",
        1_860_000,
        "为持证残疾人提供辅助器具评估、适配和回访服务，资金由区级残疾人就业保障金安排。",
    )
    clerk.steps(funds, _matter_steps(ALL_MATTER_STEPS[:4], date(2026, 9, 8), "辅助器具适配"))
    clerk.do(
        add_attachment,
        funds,
        kind="专家论证",
        filename="专家论证意见.txt",
        content=EXPERT_OPINION.encode(),
    )
    clerk.do(
        add_attachment,
        funds,
        kind="法律顾问审查",
        filename="法律意见书.txt",
        content=LEGAL_OPINION.encode(),
    )
    clerk.do(
        mark_step_not_applicable,
        funds,
        kind="社会稳定风险评估",
        reason="资金用于已有适配服务的延续，不新增服务对象，不调整群众切身利益",
        accepted_by=chair,
    )
    clerk.on(date(2026, 9, 15))
    policy = clerk.new(
        "区残疾人就业促进三年行动方案（2027—2029年）",
        "重大决策",
        "council",
        None,
        "落实按比例安排残疾人就业制度，提出三年新增就业、职业培训和辅助性就业的目标与措施。",
    )
    clerk.steps(policy, _matter_steps(ALL_MATTER_STEPS[1:], date(2026, 9, 15), "残疾人就业"))
    clerk.on(date(2026, 9, 10))
    failed = clerk.new(
        "区残疾人综合服务中心二期扩建项目",
        "重大项目安排",
        "council",
        None,
        "拟在综合服务中心北侧扩建康复训练用房3200平方米。",
    )
    clerk.steps(failed, _matter_steps(ALL_MATTER_STEPS, date(2026, 9, 10), "康复训练用房"))
    clerk.on(date(2026, 9, 18))
    deferred = clerk.new(
        "区温馨家园智能化改造",
        "大额度资金使用",
        "council",
        450_000,
        "为全区12个温馨家园配置智能签到、健康监测和远程康复指导设备。",
    )
    clerk.steps(deferred, _matter_steps(ALL_MATTER_STEPS, date(2026, 9, 18), "温馨家园"))
    clerk.on(C13_PLACED)
    for decision_id in (funds, policy, failed, deferred):
        agenda(clerk, decision_id, c13, C13_PLACED)
    flood = clerk.seen(
        record_emergency(
            db,
            user=user,
            draft=DecisionDraft(
                "汛期紧急转移安置农村重度残疾人", "重大决策", "council", 2026, None
            ),
            decided_by=chair,
            decided_on=date(2026, 7, 30),
            reason="区气象台发布暴雨红色预警，山区村庄重度残疾人须当日转移安置，来不及召开会议",
        )
    )
    clerk.on(COUNCIL_13)
    clerk.do(report_emergency, flood, meeting_id=c13)

    clerk.on(date(2026, 9, 1))
    cadre = clerk.new(
        "任免区残联办公室主任、康复部部长",
        "重要干部任免",
        "party_group",
        None,
        "办公室主任、康复部部长职位空缺，按干部任用条例启动选拔任用程序。",
    )
    clerk.steps(
        cadre,
        [
            (
                "动议",
                date(2026, 9, 1),
                "党组书记、组织人事科",
                "党组研究提出选拔任用工作方案，报区委组织部同意。",
            ),
            (
                "民主推荐",
                date(2026, 9, 9),
                "机关全体干部42人",
                "召开推荐大会并进行谈话调研推荐，确定考察对象2名。",
            ),
            (
                "考察",
                date(2026, 9, 18),
                "考察组3人",
                "采取个别谈话、查阅档案、征求纪检意见等方式进行考察，形成考察材料。",
            ),
            (
                "酝酿",
                date(2026, 9, 28),
                "党组成员",
                "党组书记与党组成员逐一沟通，就任免方案充分酝酿。",
            ),
        ],
    )
    clerk.on(P4_PLACED)
    agenda(clerk, cadre, p4, P4_PLACED)

    # The meetings are held; the matters discussed.
    clerk.on(COUNCIL_13)
    clerk.hold(c13, {council.ids[away]: ON_LEAVE})
    clerk.on(PARTY_4)
    clerk.hold(p4, {})
    clerk.on(COUNCIL_13)
    discuss(clerk, funds, council, absent=[away], recused={recused: RECUSAL})
    follow_ups = [
        follow_up(clerk, funds, "完成辅助器具适配服务政府采购招标", "康复部", date(2026, 11, 30)),
        follow_up(clerk, funds, "组织首批适配服务并开展回访", "康复部", date(2026, 12, 31)),
    ]
    clerk.on(date(2026, 11, 20))
    clerk.do(
        update_follow_up,
        funds,
        follow_up_id=follow_ups[0],
        progress="已完成招标，确定服务机构2家",
        done_on=date(2026, 11, 20),
    )
    clerk.do(
        update_follow_up, funds, follow_up_id=follow_ups[1], progress="首批已适配86人", done_on=None
    )
    clerk.on(COUNCIL_13)
    dissenter = council.others(away)[3]
    discuss(
        clerk,
        policy,
        council,
        absent=[away],
        stances={
            dissenter: ("不同意", RESERVED, True),
            council.others(away)[0]: ("同意", "建议加大辅助性就业机构扶持力度。", False),
        },
    )
    against = council.others(away)[:7]
    discuss(
        clerk,
        failed,
        council,
        absent=[away],
        stances={
            n: (
                "不同意" if k < 5 else "缓议",
                "选址与周边规划衔接不够，扩建规模偏大。" if k == 0 else None,
                False,
            )
            for k, n in enumerate(against)
        },
    )
    discuss(
        clerk,
        deferred,
        council,
        absent=[away],
        deferred=True,
        note="部分理事认为设备配置标准和运维费用测算依据不足，会议决定暂缓表决，补充论证后再议。",
    )
    clerk.on(PARTY_4)
    discuss(clerk, cadre, party)
    clerk.on(date(2026, 10, 30))
    clerk.steps(
        cadre,
        [
            (
                "任前公示",
                date(2026, 10, 30),
                "组织人事科",
                "在机关公示栏和内网公示5个工作日，未收到反映。",
            )
        ],
    )
    notice = follow_up(clerk, cadre, "印发任职通知，办理任职手续", "组织人事科", date(2026, 11, 10))
    clerk.on(date(2026, 11, 6))
    clerk.do(
        update_follow_up,
        cadre,
        follow_up_id=notice,
        progress="已印发任职通知，二人已到岗",
        done_on=date(2026, 11, 6),
    )
    clerk.on(date(2026, 11, 10))
    clerk.do(complete_decision, cadre, completed_on=date(2026, 11, 10))
    clerk.on(COUNCIL_13 + timedelta(days=7))
    clerk.minutes(c13, C13_MINUTES | {report_item: REPORT_MINUTES})
    clerk.on(PARTY_4 + timedelta(days=7))
    clerk.minutes(p4, P4_MINUTES)

    clerk.on(date(2026, 11, 10))
    # Later in the year: one matter waits on the next agenda, one on a missing step, one urgent.
    ready = clerk.new(
        "修订区残联机关财务管理办法",
        "重大决策",
        "council",
        None,
        "按新修订的行政事业单位内部控制规范，修订经费审批权限和公务支出管理规定。",
    )
    clerk.steps(ready, _matter_steps(ALL_MATTER_STEPS[:4], date(2026, 11, 10), "财务管理"))
    clerk.do(
        mark_step_not_applicable,
        ready,
        kind="社会稳定风险评估",
        reason="机关内部管理制度，不涉及残疾人群众切身利益",
        accepted_by=chair,
    )
    clerk.on(C14_PLACED)
    agenda(clerk, ready, c14, C14_PLACED)
    clerk.on(date(2026, 11, 16))
    blocked = clerk.new(
        "区残疾人托养服务中心建设项目",
        "重大项目安排",
        "council",
        None,
        "拟新建托养床位120张，为就业年龄段智力、精神和重度肢体残疾人提供日间照料和寄宿托养。",
    )
    clerk.steps(blocked, _matter_steps(ALL_MATTER_STEPS[:3], date(2026, 11, 16), "托养服务"))
    clerk.on(date(2026, 11, 24))
    cold = clerk.seen(
        record_emergency(
            db,
            user=user,
            draft=DecisionDraft(
                "寒潮期间为独居重度残疾人紧急配发取暖设备",
                "大额度资金使用",
                "council",
                2026,
                120_000,
            ),
            decided_by=chair,
            decided_on=date(2026, 11, 24),
            reason="寒潮蓝色预警，独居重度残疾人家中取暖设施损坏，须当日配发",
        )
    )
    return len({funds, policy, failed, deferred, flood, cadre, ready, blocked, cold})
