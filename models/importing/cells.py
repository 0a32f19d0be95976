"""Reading one spreadsheet cell as DOMAIN §2 lets clerks write it: text, yes/no, dates, words."""

from __future__ import annotations

import re
import unicodedata
from datetime import date, datetime, time, timedelta
from typing import Any

_YES = frozenset({"是", "y", "yes", "true", "1", "√", "✓"})
_NO = frozenset({"否", "n", "no", "false", "0", "×"})
_DATE_PATTERNS = (
    re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})"),
    re.compile(r"(\d{4})/(\d{1,2})/(\d{1,2})"),
    re.compile(r"(\d{4})\.(\d{1,2})\.(\d{1,2})"),
    re.compile(r"(\d{4})(\d{2})(\d{2})"),
    re.compile(r"(\d{4})年(\d{1,2})月(\d{1,2})日"),
)


def is_blank(value: Any) -> bool:
    """Calamine gives '' for an empty cell; a cell of only spaces is empty to a clerk too."""
    return value is None or (isinstance(value, str) and not value.strip())


def is_number(value: Any) -> bool:
    """A numeric cell: Excel's TRUE/FALSE arrive as bool, which is not a number to a clerk."""
    return isinstance(value, int | float) and not isinstance(value, bool)


def text_of(value: Any) -> str | None:
    """The cell as the clerk sees it, stripped; None when blank."""
    if type(value) is str:  # the usual cell, first: one strip tells blank from text
        return value.strip() or None
    if is_blank(value):
        return None
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        # A phone number typed into a number cell reads 13800000000, not 13800000000.0.
        return str(int(value))
    if isinstance(value, datetime):
        if value.time() == time(0):
            return value.date().isoformat()
        return value.isoformat(sep=" ")
    if isinstance(value, date | time):
        return value.isoformat()
    return str(value)


def plain_value(value: Any) -> Any:
    """A remark cell in a JSON-friendly form: text, whole numbers, numbers, yes/no or ISO dates."""
    if is_blank(value):
        return None
    if isinstance(value, bool | int):
        return value
    if isinstance(value, float):
        return int(value) if value.is_integer() and abs(value) < 1e15 else value
    return text_of(value)


def word_of(value: Any) -> str | None:
    """NFKC and no white space at all: the form closed vocabularies are compared in."""
    text = text_of(value)
    if text is None:
        return None
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


def parse_bool(value: Any) -> bool | None:
    """是 否 Y N yes no true false 1 0 √ ✓ × in any case, Excel's own TRUE/FALSE; None if unreadable.

    A blank cell is read as no by the caller, not here.
    """
    if isinstance(value, bool):
        return value
    if is_number(value):
        return True if value == 1 else False if value == 0 else None
    word = word_of(value)
    if word is None:
        return None
    word = word.casefold()
    if word in _YES:
        return True
    if word in _NO:
        return False
    return None


def parse_date(value: Any) -> date | None:
    """A real Excel date, or 1980-01-02, 1980/1/2, 1980.01.02, 19800102, 1980年1月2日."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, time | timedelta | bool):
        return None
    if isinstance(value, float):
        if not value.is_integer():
            return None
        value = int(value)
    word = word_of(value)
    if word is None:
        return None
    for pattern in _DATE_PATTERNS:
        match = pattern.fullmatch(word)
        if match:
            try:
                return date(*(int(part) for part in match.groups()))
            except ValueError:
                return None
    return None
