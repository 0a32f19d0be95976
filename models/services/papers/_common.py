"""Shared by the printing services: the organisation's name and contact line, today, refusals."""

from __future__ import annotations

from datetime import date

from models.domain.errors import DomainError
from models.domain.rules import load_rules
from models.services.common.clock import today_local
from models.services.common.settings import rules_copy
from models.services.federation.queries import profile
from models.store.unit_of_work import Database

DEFAULT_ORGANISATION = "区残疾人联合会"
_PLAN_SUFFIX = "改革方案"


def today() -> date:
    """Today in Beijing, where the papers are dated."""
    return today_local()


def organisation_name(db: Database) -> str:
    """门头沟区残疾人联合会: the profile's full name; a database without a profile (one made before
    first-run setup existed) falls back to the rules file's title without 改革方案."""
    found = profile(db)
    if found is not None:
        return found.full_name
    copy = rules_copy(db)
    if copy is None:
        return DEFAULT_ORGANISATION
    content, rules_id = copy
    try:
        title = load_rules(content, rules_id=rules_id).title
    except DomainError:
        return DEFAULT_ORGANISATION
    title = title.strip()
    if title.endswith(_PLAN_SUFFIX) and len(title) > len(_PLAN_SUFFIX):
        return title[: -len(_PLAN_SUFFIX)]
    return DEFAULT_ORGANISATION


def organisation_contact(db: Database) -> str | None:
    """通信地址：…　邮政编码：…　联系电话：… from the profile, for papers the federation sends."""
    found = profile(db)
    return found.contact_line if found is not None else None
