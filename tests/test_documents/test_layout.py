"""The line breaker's punctuation rules, the grid and the date and number formats (DOMAIN §7)."""

from __future__ import annotations

import itertools
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from models.documents.layout import (
    CHAR_PITCH,
    LANDSCAPE,
    LINE_PITCH,
    MM,
    NO_END,
    NO_START,
    PORTRAIT,
    break_lines,
    chinese_numeral,
    cjk_width,
    doc_number,
    hangs,
    heading_number,
    mask_identifier,
)
from models.domain.dates import chinese_date

HAN = "残疾人联合会主席团会议纪要代表名单"
DOMAIN_NO_START = "，。、：；！？）》」』”’…"
DOMAIN_NO_END = "《（「『“‘"


def han(n: int) -> str:
    return (HAN * (n // len(HAN) + 1))[:n]


def test_grid_is_28_by_22_on_the_gbt9704_text_area() -> None:
    assert PORTRAIT.text_width == pytest.approx(156 * MM)
    assert PORTRAIT.text_height == pytest.approx(225 * MM)
    assert (PORTRAIT.chars_per_line, PORTRAIT.lines_per_page) == (28, 22)
    assert round(CHAR_PITCH, 2) == 15.79
    assert round(LINE_PITCH, 2) == 28.99
    assert (LANDSCAPE.page_width, LANDSCAPE.page_height) == (
        PORTRAIT.page_height,
        PORTRAIT.page_width,
    )
    assert LANDSCAPE.text_width == pytest.approx(225 * MM)


def test_the_rule_sets_hold_domain_marks() -> None:
    assert set(DOMAIN_NO_START) <= NO_START
    assert set(DOMAIN_NO_END) <= NO_END


def test_pure_han_text_fills_28_a_line() -> None:
    assert [len(line) for line in break_lines(han(60))] == [28, 28, 4]
    assert [len(line) for line in break_lines(han(60), first_line=26)] == [26, 28, 6]


@pytest.mark.parametrize("mark", list(DOMAIN_NO_START.replace("…", "")))
def test_one_closing_mark_hangs_at_the_end_of_the_line(mark: str) -> None:
    lines = break_lines(han(28) + mark + han(5))
    assert lines == [han(28) + mark, han(5)]
    assert hangs(lines[0], 28)
    assert not hangs(lines[1], 28)


def test_two_closing_marks_pull_the_character_before_them_down() -> None:
    text = han(28) + "”。" + "后文"
    assert break_lines(text) == [han(27), han(28)[-1] + "”。后文"]


def test_ellipsis_is_one_mark_of_two_cells_and_is_not_hung() -> None:
    lines = break_lines(han(28) + "……" + "好")
    assert lines == [han(27), han(28)[-1] + "……好"]


@pytest.mark.parametrize("mark", list(DOMAIN_NO_END))
def test_an_opening_mark_never_ends_a_line(mark: str) -> None:
    lines = break_lines(han(27) + mark + han(5))
    assert lines == [han(27), mark + han(5)]


def test_numbers_and_latin_words_stay_whole_and_are_narrower() -> None:
    assert break_lines(han(26) + "2026年") == [han(26) + "2026", "年"]  # 26 + 4 × ½ cells
    assert break_lines(han(27) + "2026年") == [han(27), "2026年"]
    assert break_lines("a" * 56) == ["a" * 56]  # 56 half-width letters fill 28 cells
    assert break_lines(han(20) + " word next", 24) == [han(20) + " word", "next"]


def test_width_function_is_used() -> None:
    assert break_lines(han(10), 10, lambda c: 2.0) == [han(5), han(10)[5:]]
    assert cjk_width("中") == 1.0 and cjk_width("“") == 1.0 and cjk_width("1") == 0.5


def test_no_line_begins_with_a_space() -> None:
    lines = break_lines(han(28) + " " + han(3))
    assert lines == [han(28), han(3)]


# Text made of words, each followed by at most one mark: what real sentences look like.
_word = st.text(alphabet=HAN, min_size=1, max_size=6)
_mark = st.sampled_from(
    ["", "", "，", "。", "、", "；", "：“", "”", "》", "（", "）。", "！", "？"]
)
_text = st.lists(st.tuples(_word, _mark), min_size=1, max_size=40).map(
    lambda parts: "".join(w + m for w, m in parts)
)


@given(_text, st.integers(min_value=6, max_value=28))
def test_breaking_keeps_the_text_and_the_rules(text: str, width: int) -> None:
    lines = break_lines(text, width)
    assert "".join(lines) == text
    for before, line in itertools.pairwise(lines):
        assert line[0] not in NO_START, lines
        assert before[-1] not in NO_END, lines
    for line in lines:
        assert len(line) <= width + 1  # at most one hung mark past the edge


def test_dates_and_numbers_without_padding() -> None:
    assert chinese_date(date(2026, 1, 5)) == "2026年1月5日"
    assert chinese_date(date(2026, 11, 25)) == "2026年11月25日"
    assert doc_number(2026, 5) == "〔2026〕5号"
    assert doc_number(2026, 12, "京残") == "京残〔2026〕12号"


def test_heading_numbers_of_the_four_levels() -> None:
    assert [heading_number(level, 1) for level in (1, 2, 3, 4)] == ["一、", "（一）", "1.", "（1）"]
    assert [chinese_numeral(n) for n in (10, 11, 20, 21, 99)] == [
        "十",
        "十一",
        "二十",
        "二十一",
        "九十九",
    ]


def test_mask_is_the_domain_rule() -> None:
    assert mask_identifier("11010919800102123X") == "110109********123X"
