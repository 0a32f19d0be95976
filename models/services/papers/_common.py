"""Shared by the printing services: the organisation's name, today, refusals of arguments."""

from __future__ import annotations

from datetime import date, datetime

from models.domain.errors import DomainError
from models.domain.meeting_vocabulary import FEDERATION_TZ
from models.domain.rules import load_rules
from models.services.common.settings import rules_copy
from models.store.unit_of_work import Database

DEFAULT_ORGANISATION = "区残疾人联合会"
_PLAN_SUFFIX = "改革方案"


def bad_arguments(detail: str) -> DomainError:
    return DomainError("bad_arguments", detail=detail)


def today() -> date:
    """Today in Beijing, where the papers are dated."""
    return datetime.now(FEDERATION_TZ).date()


def organisation_name(db: Database) -> str:
    """门头沟区残疾人联合会: the rules file's title (…改革方案) in force, without 改革方案."""
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
