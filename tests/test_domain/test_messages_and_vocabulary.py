"""Message texts and the display names of the vocabulary."""

from __future__ import annotations

import re
import string

import pytest

from models.domain.errors import DomainError, Level, Problem
from models.domain.messages import MESSAGES, message
from models.domain.vocabulary import (
    ALLOWED_POSITIONS,
    Association,
    BodyKind,
    body_display_name,
    body_has_terms,
    chinese_ordinal,
    term_display_name,
)

CJK = re.compile(r"[\u4e00-\u9fff]")


def fields_of(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


@pytest.mark.parametrize("code", sorted(MESSAGES))
def test_every_message_formats_with_its_params(code):
    params = {name: f"<{name}>" for name in fields_of(MESSAGES[code])}
    text = message(code, params)
    assert CJK.search(text)
    for value in params.values():
        assert value in text
    assert "{" not in text


@pytest.mark.parametrize("code", sorted(MESSAGES))
def test_message_never_raises_without_params(code):
    assert CJK.search(message(code))


def test_messages_with_params():
    assert "9" in message("id_checksum", {"expected": "9"})
    assert "“肢体”" in message("cert_category_mismatch", {"cert_category": "肢体"})
    assert "2级" in message("cert_grade_mismatch", {"cert_grade": 2})
    text = message("dup_id", {"id_number": "110109********1239", "name": "张三"})
    assert "110109********1239" in text
    assert "张三" in text


def test_old_15_digit_id_gets_its_own_message():
    assert message("id_format", {"old_15_digit": True}) == MESSAGES["id_format_old"]
    assert message("id_format") == MESSAGES["id_format"]
    assert message("id_format", {"old_15_digit": False}) == MESSAGES["id_format"]


def test_unknown_code_returns_the_code():
    assert message("no_such_code") == "no_such_code"
    assert "no_such_code" in message("no_such_code", {"x": 1})


def test_problem_and_domain_error():
    problem = Problem("id_checksum", params={"expected": "X"})
    assert problem.level is Level.ERROR
    error = DomainError("person_not_found", field="person", person_id=7)
    assert error.code == "person_not_found"
    assert error.field == "person"
    assert error.params == {"person_id": 7}
    assert "7" in message(error.code, error.params)


@pytest.mark.parametrize(
    ("number", "text"),
    [
        (1, "一"),
        (8, "八"),
        (10, "十"),
        (11, "十一"),
        (12, "十二"),
        (20, "二十"),
        (23, "二十三"),
        (99, "九十九"),
    ],
)
def test_chinese_ordinal(number, text):
    assert chinese_ordinal(number) == text


def test_chinese_ordinal_out_of_range_falls_back_to_digits():
    assert chinese_ordinal(0) == "0"
    assert chinese_ordinal(100) == "100"


def test_term_display_name():
    assert term_display_name(None) == "常设"
    assert term_display_name(8) == "第八届"
    assert term_display_name(12) == "第十二届"


def test_body_display_name():
    assert body_display_name(BodyKind.CONGRESS) == "代表大会"
    assert body_display_name(BodyKind.PARTY_GROUP) == "党组"
    assert body_display_name(BodyKind.ASSOCIATION) == "专门协会"
    assert body_display_name(BodyKind.ASSOCIATION, Association.BLIND) == "盲人协会"
    assert (
        body_display_name(BodyKind.ASSOCIATION, Association.INTELLECTUAL) == "智力残疾人及亲友协会"
    )


@pytest.mark.parametrize("association", list(Association))
def test_every_association_has_a_name(association):
    assert body_display_name(BodyKind.ASSOCIATION, association).endswith("协会")


def test_every_body_kind_has_a_name_and_positions():
    for kind in BodyKind:
        assert CJK.search(body_display_name(kind))
        assert ALLOWED_POSITIONS[kind]


def test_only_the_party_group_has_no_terms():
    assert [kind for kind in BodyKind if not body_has_terms(kind)] == [BodyKind.PARTY_GROUP]
