"""check_rules_file parses the rules file once for every section's loader (issue 18): the same
rules or the same refusal as each loader parsing the text itself, and the parsed file unchanged."""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from models.domain.deadlines import load_motion_rules, motion_rules_from
from models.domain.decision_rules import decision_rules_from, load_decision_rules
from models.domain.errors import DomainError
from models.domain.quorum import load_quorum_rules, quorum_rules_from
from models.domain.rules import (
    file_limits_from,
    leader_signs_from,
    load_file_limits,
    load_leader_signs,
    load_organisation_rules,
    load_rules,
    organisation_rules_from,
    parse_rules_text,
    rules_from,
)
from models.domain.rules_file import check_rules_file

SHIPPED = Path(__file__).resolve().parents[2] / "resources" / "rules" / "mentougou-2019.toml"
LINES = SHIPPED.read_text(encoding="utf-8").splitlines()
# The lines that give a value (comments and headers left alone), and values wrong somewhere.
VALUE_LINES = [i for i, text in enumerate(LINES) if "=" in text and not text.startswith("#")]
WRONG = ("true", "0", "-1", '"x"', '"1/0"', "[]", '["视力", 3]', "{}", "1.5", "= broken")


def _outcome(check: Any, text: str) -> Any:
    try:
        return ("ok", check(text))
    except DomainError as error:
        return ("refused", error.code, error.field, error.params)


def _each_loader_parsing(text: str) -> Any:
    """The plain path: every loader reads the text on its own, in check_rules_file's order."""
    rules = load_rules(text, rules_id="district")
    for load in (
        load_quorum_rules,
        load_motion_rules,
        load_decision_rules,
        load_file_limits,
        load_leader_signs,
        load_organisation_rules,
    ):
        load(text, rules_id="district")
    return rules


def _edited(line: int, wrong: str, unknown_key: bool) -> str:
    lines = list(LINES)
    if unknown_key:  # a key no loader knows, in the table the line belongs to
        lines.insert(line, f"not_a_key_{line} = 1")
    else:
        lines[line] = lines[line].split("=", 1)[0] + "= " + wrong
    return "\n".join(lines) + "\n"


@settings(max_examples=120, deadline=None)
@given(
    line=st.sampled_from(VALUE_LINES),
    wrong=st.sampled_from(WRONG),
    unknown_key=st.booleans(),
)
def test_parsed_once_gives_what_each_loader_gives(line, wrong, unknown_key):
    text = _edited(line, wrong, unknown_key)
    fast = _outcome(lambda t: check_rules_file(t, rules_id="district"), text)
    assert fast == _outcome(_each_loader_parsing, text)


def test_the_shipped_file_and_no_loader_changes_the_parsed_file():
    text = SHIPPED.read_text(encoding="utf-8")
    assert check_rules_file(text, rules_id="m") == load_rules(text, rules_id="m")
    data = parse_rules_text(text, "m")
    rules_from(data, rules_id="m")
    quorum_rules_from(data, rules_id="m")
    motion_rules_from(data, rules_id="m")
    decision_rules_from(data, rules_id="m")
    file_limits_from(data, rules_id="m")
    leader_signs_from(data, rules_id="m")
    organisation_rules_from(data, rules_id="m")
    assert data == tomllib.loads(text)
