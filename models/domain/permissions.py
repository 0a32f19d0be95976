"""One table: every action a clerk can take, and the roles that may take it.

Every command of the core names its action (services/common/access.py `guarded`); the window
and the command line ask the same table before they offer a button or run a subcommand, so a
role is bound alike wherever it works. The README's 账户与权限 table is this table in words.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from models.domain.roles import Role

A, S, L, U, R = Role.ADMIN, Role.SECRETARIAT, Role.LEADER, Role.UNIT, Role.READONLY


@dataclass(frozen=True)
class Permission:
    label: str  # what the action does, as a clerk says it (无权{label})
    roles: frozenset[Role]
    # A 承办单位 account may take it only for the motions assigned to its own unit.
    unit_scoped: bool = False
    # A 领导 may take it too when the rules file says leaders sign off ([permissions] leader_signs).
    leader_if_rules: bool = False


def _p(
    label: str, *roles: Role, unit_scoped: bool = False, leader_if_rules: bool = False
) -> Permission:
    return Permission(label, frozenset(roles), unit_scoped, leader_if_rules)


PERMISSIONS: Mapping[str, Permission] = {
    # reading (the lists, details and statistics of each feature)
    "people.read": _p("查看人员名册", A, S, L, R),
    "terms.read": _p("查看届次与选举单位", A, S, L, R),
    "slates.read": _p("查看和检查代表名单", A, S, L, R),
    "meetings.read": _p("查看会议", A, S, L, R),
    "motions.read": _p("查看提案", A, S, L, U, R, unit_scoped=True),
    "decisions.read": _p("查看三重一大事项", A, S, L, R),
    "papers.print": _p("打印和导出文书", A, S, L, R),
    # the registry and the terms
    "people.edit": _p("登记和修改人员信息", A, S),
    "people.reveal_id": _p("查看完整身份证号", A, S),
    "terms.edit": _p("管理届次", A, S),
    "electoral.edit": _p("设置选举单位与名额", A, S),
    "rosters.import": _p("导入在任名单", A, S),
    "slates.import": _p("导入代表名单", A, S),
    "slates.apply_trial": _p("保存名单调整", A, S),
    # meetings
    "meetings.edit": _p("编辑会议", A, S),
    "meetings.finalise": _p("定稿会议纪要", A, S, leader_if_rules=True),
    # motions
    "motions.intake": _p("录入和审查提案", A, S),
    "motions.assign": _p("交办提案", A, S),
    "motions.unit_handling": _p("签收、退回和办理提案", A, S, U, unit_scoped=True),
    "motions.reply": _p("答复提案", A, S, U, unit_scoped=True, leader_if_rules=True),
    "motions.feedback": _p("登记提案人反馈", A, S),
    "motions.units": _p("管理承办单位", A, S),
    "motions.reply_templates": _p("管理答复模板", A, S),
    "motions.calendar": _p("维护工作日历", A),
    # 三重一大
    "decisions.edit": _p("登记和办理三重一大事项", A, S),
    # the organisation registers (cadres, contact points and visits, grass-roots organisations,
    # Warm Homes, villages and communities) and the reform dashboard
    "organisation.read": _p("查看组织建设台账和改革落实情况", A, S, L, R),
    "organisation.edit": _p("登记和修改组织建设台账", A, S),
    # the federation, its settings and the database
    "federation.set_up": _p("设置本会信息", A),
    "federation.rules": _p("更换规则文件", A),
    "settings.edit": _p("修改系统设置", A),
    "accounts.manage": _p("管理账户与权限", A),
    "accounts.own_password": _p("修改本人密码", A, S, L, U, R),
    "audit.read": _p("查看操作记录", A, L),
    "audit.export": _p("导出操作记录", A),
    "db.backup": _p("备份数据库", A, S),
    "db.restore": _p("恢复数据库", A),
    "db.encrypt": _p("加密或解密数据库", A),
    "demo.generate": _p("生成演示数据", A),
}


def may(role: Role, action: str, *, leader_signs: bool = False) -> bool:
    """Whether a role may take an action at all (a 承办单位 then only for its own unit's motions).
    An action missing from the table is refused to everyone: a new command must be listed."""
    permission = PERMISSIONS.get(action)
    if permission is None:
        return False
    if role in permission.roles:
        return True
    return role is Role.LEADER and permission.leader_if_rules and leader_signs
