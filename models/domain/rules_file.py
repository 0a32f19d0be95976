"""A whole rules file checked at once, before a database records it (first run, 本会信息, setup)."""

from __future__ import annotations

from models.domain.deadlines import load_motion_rules
from models.domain.decision_rules import load_decision_rules
from models.domain.quorum import load_quorum_rules
from models.domain.rules import (
    Rules,
    load_file_limits,
    load_leader_signs,
    load_organisation_rules,
    load_rules,
)


def check_rules_file(text: str, *, rules_id: str) -> Rules:
    """Every section read by its own loader, so a wrong key in [motions] is refused now, not on
    the day a motion is numbered; the slate rules are returned. Raises `rules_invalid`."""
    rules = load_rules(text, rules_id=rules_id)
    load_quorum_rules(text, rules_id=rules_id)
    load_motion_rules(text, rules_id=rules_id)
    load_decision_rules(text, rules_id=rules_id)
    load_file_limits(text, rules_id=rules_id)
    load_leader_signs(text, rules_id=rules_id)
    load_organisation_rules(text, rules_id=rules_id)
    return rules
