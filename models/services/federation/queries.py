"""Reading the federation's profile and the rules file in force."""

from __future__ import annotations

from models.domain.errors import DomainError
from models.domain.messages import message
from models.domain.rules import load_rules
from models.services.common.federation_data import DEMO_MARKER, holds_federation_data
from models.services.common.settings import RULES_CONTENT, RULES_ID, RULES_ORIGIN, get_setting
from models.services.federation._stored import rows
from models.services.federation.contracts import (
    PROFILE_KEYS,
    SHIPPED_ORIGIN,
    FirstRun,
    Profile,
    RulesInForce,
)
from models.store.unit_of_work import Database


def profile(db: Database) -> Profile | None:
    """The profile first-run setup wrote; None while the database has none (first run)."""
    with db.session_factory() as session:
        found = rows(session, PROFILE_KEYS.values())
    full_name, short_name = (
        found.get(PROFILE_KEYS["full_name"]),
        found.get(PROFILE_KEYS["short_name"]),
    )
    if full_name is None or short_name is None:
        return None
    latest = max(found.values(), key=lambda s: s.updated_at)
    values = {
        name: found[key].value if key in found else None for name, key in PROFILE_KEYS.items()
    }
    return Profile(
        full_name=full_name.value,
        short_name=short_name.value,
        district=values["district"],
        address=values["address"],
        postcode=values["postcode"],
        telephone=values["telephone"],
        updated_by=latest.updated_by,
        updated_at=latest.updated_at,
    )


def rules_in_force(db: Database) -> RulesInForce | None:
    """The rules this database checks by, read from its own copy; None before any is recorded."""
    with db.session_factory() as session:
        found = rows(session, (RULES_ID, RULES_CONTENT, RULES_ORIGIN))
    content, rules_id = found.get(RULES_CONTENT), found.get(RULES_ID)
    if content is None:
        return None
    ident = rules_id.value if rules_id is not None else "database"
    origin = found.get(RULES_ORIGIN)
    # A database that never recorded an origin took the shipped default when it was first opened.
    title = source = ""
    problem = None
    try:
        rules = load_rules(content.value, rules_id=ident)
        title, source = rules.title, rules.source
    except DomainError as error:
        problem = message(error.code, error.params)
    return RulesInForce(
        rules_id=ident,
        title=title,
        source=source,
        origin=origin.value if origin is not None else SHIPPED_ORIGIN,
        recorded_by=content.updated_by,
        recorded_at=content.updated_at,
        problem=problem,
    )


def first_run(db: Database) -> FirstRun:
    may_build_demo = get_setting(db, DEMO_MARKER) is not None or not holds_federation_data(db)
    return FirstRun(rules=rules_in_force(db), may_build_demo=may_build_demo)
