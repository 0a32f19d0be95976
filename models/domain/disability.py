"""Reading disability categories and grades as DOMAIN §2 allows clerks to write them."""

from __future__ import annotations

import re
import unicodedata

from models.domain.errors import Problem
from models.domain.vocabulary import DisabilityCategory

_SEPARATORS = re.compile(r"[、,，\s]+")
_GRADE_WORDS = {"一级": 1, "二级": 2, "三级": 3, "四级": 4, "1": 1, "2": 2, "3": 3, "4": 4}


def parse_category(text: str) -> DisabilityCategory | None:
    """视力 or 视力残疾 → VISION; None for anything outside the closed vocabulary (视障, 盲 …)."""
    word = unicodedata.normalize("NFKC", text).strip()
    if word.endswith("残疾") and len(word) > 2:
        word = word[: -len("残疾")]
    try:
        return DisabilityCategory(word)
    except ValueError:
        return None


def split_categories(text: str) -> list[str]:
    """A cell listing categories, separated by 、 , ， or white space."""
    return [part for part in _SEPARATORS.split(text.strip()) if part]


def parse_component_list(
    words: list[str] | tuple[str, ...], *, allow_multiple: bool
) -> tuple[list[DisabilityCategory], Problem | None]:
    """Each word a single category (多重 is not a component of 多重); the first bad word reported."""
    categories: list[DisabilityCategory] = []
    for word in words:
        category = parse_category(word)
        if category is None or (category is DisabilityCategory.MULTIPLE and not allow_multiple):
            return [], Problem("category_unknown", params={"value": word})
        if category not in categories:
            categories.append(category)
    return categories, None


def parse_grade(value: object) -> int | None:
    """一级–四级 or 1–4; None when the value is none of them."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float) and float(value).is_integer():
        value = str(int(value))
    return _GRADE_WORDS.get(unicodedata.normalize("NFKC", str(value)).strip())
