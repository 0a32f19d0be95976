"""What a clerk does to the federation's profile and the rules file in force, one unit of work each."""

from __future__ import annotations

import re
import unicodedata

from models.domain.errors import DomainError
from models.domain.rules_file import check_rules_file
from models.entities import Setting
from models.services.common.access import guarded
from models.services.common.settings import RULES_CONTENT, RULES_ID, RULES_ORIGIN
from models.services.federation import queries
from models.services.federation._stored import put
from models.services.federation.contracts import (
    PROFILE_FIELDS,
    PROFILE_KEYS,
    REQUIRED_FIELDS,
    SHIPPED_ORIGIN,
    Profile,
    ProfileDraft,
    RulesFile,
    RulesInForce,
)
from models.store.unit_of_work import Database

_POSTCODE = re.compile(r"[0-9]{6}")
# Typed in a Chinese input method, digits may come full-width (１０２３００): kept as ASCII.
_NUMBERS = ("postcode", "telephone")


def checked_profile(draft: ProfileDraft) -> dict[str, str | None]:
    """Each field trimmed (blank: None); refused by name when required and blank, or too long."""
    values: dict[str, str | None] = {}
    for name, label, limit in PROFILE_FIELDS:
        text = " ".join(str(getattr(draft, name) or "").split())
        if name in _NUMBERS:
            text = unicodedata.normalize("NFKC", text)
        if not text:
            if name in REQUIRED_FIELDS:
                raise DomainError("missing_required", field=name, label=label)
            values[name] = None
            continue
        if len(text) > limit:
            raise DomainError("text_too_long", field=name, label=label, limit=limit)
        values[name] = text
    postcode = values["postcode"]
    if postcode is not None and not _POSTCODE.fullmatch(postcode):
        raise DomainError("profile_postcode_invalid", field="postcode", value=postcode)
    return values


@guarded("federation.set_up")
def save_profile(db: Database, *, user: str, draft: ProfileDraft) -> Profile:
    """Write the whole profile (first run or a later edit); the change log shows each field."""
    values = checked_profile(draft)
    with db.unit_of_work(user) as uow:
        for name, value in values.items():
            put(uow, PROFILE_KEYS[name], value)
        uow.commit()
    saved = queries.profile(db)
    assert saved is not None  # just written: both names are required
    return saved


@guarded("federation.rules")
def replace_rules(
    db: Database, *, user: str, rules_id: str, content: str, origin: str = SHIPPED_ORIGIN
) -> RulesInForce:
    """Put another rules file in force after checking it (an error names the key); the change
    log shows the old and the new id. The same file again changes nothing."""
    check_rules_file(content, rules_id=rules_id)
    with db.unit_of_work(user) as uow:
        old_id = uow.session.get(Setting, RULES_ID)
        old_content = uow.session.get(Setting, RULES_CONTENT)
        before = old_id.value if old_id is not None else None
        if before == rules_id and old_content is not None and old_content.value == content:
            put(uow, RULES_ORIGIN, origin)
        else:
            put(uow, RULES_ID, rules_id)
            put(uow, RULES_CONTENT, content)
            put(uow, RULES_ORIGIN, origin)
            shown_before = before or "（未记录）"
            uow.log(
                action="replace",
                entity="rules",
                entity_id=rules_id,
                after={"from": before, "to": rules_id, "origin": origin},
                note=f"规则文件由 {shown_before} 更换为 {rules_id}",
            )
        uow.commit()
    found = queries.rules_in_force(db)
    assert found is not None
    return found


@guarded("federation.set_up")
def set_up(db: Database, *, user: str, draft: ProfileDraft | None, rules: RulesFile | None) -> None:
    """First-run setup (the dialog, `yishi setup`): the profile and the rules file, all or
    nothing — both are checked before either is written."""
    if draft is not None:
        checked_profile(draft)
    if rules is not None:
        check_rules_file(rules.content, rules_id=rules.rules_id)
    with db.one_transaction() as one:
        if draft is not None:
            save_profile(one, user=user, draft=draft)
        if rules is not None:
            replace_rules(
                one, user=user, rules_id=rules.rules_id, content=rules.content, origin=rules.origin
            )
