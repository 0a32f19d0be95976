"""A whole rules file checked at once, before a database records it (first run, 本会信息, setup)."""

from __future__ import annotations

from models.domain.deadlines import motion_rules_from
from models.domain.decision_rules import decision_rules_from
from models.domain.quorum import quorum_rules_from
from models.domain.rules import (
    Rules,
    file_limits_from,
    leader_signs_from,
    organisation_rules_from,
    parse_rules_text,
    rules_from,
)


def check_rules_file(text: str, *, rules_id: str) -> Rules:
    """Every section read by its own loader, so a wrong key in [motions] is refused now, not on
    the day a motion is numbered; the slate rules are returned. Raises `rules_invalid`. The file
    is parsed once for all of them (each loader parsing it again cost ~1 ms a section)."""
    data = parse_rules_text(text, rules_id)
    rules = rules_from(data, rules_id=rules_id)
    quorum_rules_from(data, rules_id=rules_id)
    motion_rules_from(data, rules_id=rules_id)
    decision_rules_from(data, rules_id=rules_id)
    file_limits_from(data, rules_id=rules_id)
    leader_signs_from(data, rules_id=rules_id)
    organisation_rules_from(data, rules_id=rules_id)
    return rules
