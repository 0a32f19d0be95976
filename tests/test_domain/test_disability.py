"""Categories and grades as clerks write them (DOMAIN §2)."""

from __future__ import annotations

import pytest

from models.domain.disability import (
    parse_category,
    parse_component_list,
    parse_grade,
    split_categories,
)
from models.domain.vocabulary import DisabilityCategory as C


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("视力", C.VISION),
        ("视力残疾", C.VISION),
        (" 精神残疾 ", C.PSYCHOSOCIAL),
        ("多重", C.MULTIPLE),
        ("视障", None),
        ("盲", None),
        ("聋哑", None),
        ("肢残", None),
        ("残疾", None),
        ("", None),
    ],
)
def test_parse_category_accepts_only_the_closed_vocabulary(text, expected):
    assert parse_category(text) is expected


def test_split_categories_on_every_allowed_separator():
    assert split_categories("视力、听力,肢体，智力 精神") == [
        "视力",
        "听力",
        "肢体",
        "智力",
        "精神",
    ]


def test_multiple_is_not_a_component_of_multiple():
    assert (
        parse_component_list(["肢体", "多重"], allow_multiple=False)[1].code == "category_unknown"
    )
    categories, problem = parse_component_list(["肢体残疾", "听力", "肢体"], allow_multiple=False)
    assert (categories, problem) == ([C.PHYSICAL, C.HEARING], None)
    assert parse_component_list(["多重"], allow_multiple=True) == ([C.MULTIPLE], None)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("一级", 1),
        ("四级", 4),
        ("2", 2),
        (3, 3),
        (4.0, 4),
        ("５", None),
        (5, None),
        ("五级", None),
        (True, None),
        ("", None),
    ],
)
def test_parse_grade(value, expected):
    assert parse_grade(value) == expected
