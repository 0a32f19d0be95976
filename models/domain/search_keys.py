"""Pinyin search keys for names: full pinyin and initials, with a surname's own reading.

pypinyin's everyday reading is wrong for some surnames (曾 ceng → zeng, 单 dan → shan); its full
heteronym lists are too loose for search (董 would also match "zhong"). So a name gets its
everyday reading plus, where the first characters are a surname read differently, that reading.
"""

from __future__ import annotations

SEPARATOR = " "

# Surnames whose reading as a surname differs from the character's everyday reading.
SURNAME_READINGS: dict[str, tuple[str, ...]] = {
    "曾": ("zeng",),
    "单": ("shan",),
    "解": ("xie",),
    "仇": ("qiu",),
    "区": ("ou",),
    "查": ("zha",),
    "朴": ("piao",),
    "盖": ("ge",),
    "乐": ("yue",),
    "覃": ("qin",),
    "缪": ("miao",),
    "召": ("shao",),
    "种": ("chong",),
    "翟": ("zhai",),
    "秘": ("bi",),
    "员": ("yun",),
    "黑": ("he",),
    "繁": ("po",),
    "句": ("gou",),
    "长孙": ("zhang", "sun"),
    "尉迟": ("yu", "chi"),
    "万俟": ("mo", "qi"),
    "单于": ("chan", "yu"),
    "澹台": ("tan", "tai"),
}


def _syllable_sets(name: str) -> list[list[str]]:
    # pypinyin loads its phrase dictionary on import (~0.25 s): only writers need it.
    from pypinyin import Style, lazy_pinyin

    everyday = [s.lower() for s in lazy_pinyin(name, style=Style.NORMAL, errors="default")]
    # Double surnames first: 单于 is not 单.
    for surname in sorted(SURNAME_READINGS, key=len, reverse=True):
        if name.startswith(surname):
            syllables = SURNAME_READINGS[surname]
            own = list(syllables) + everyday[len(syllables) :]
            # The surname's reading first: rosters sort by the first reading (曾 under Z).
            return [own, everyday] if own != everyday else [everyday]
    return [everyday]


def pinyin_keys(name: str) -> tuple[str, str]:
    """(full, initials): space-separated readings, e.g. 张三 -> ("zhangsan", "zs")."""
    readings = _syllable_sets(name)
    full = dict.fromkeys("".join(r).replace(" ", "") for r in readings)
    initials = dict.fromkeys("".join(s[0] for s in r if s) for r in readings)
    return SEPARATOR.join(full), SEPARATOR.join(initials)


def normalise_query(text: str) -> str:
    return text.strip().lower().replace(" ", "")


def sort_key(name: str) -> str:
    """The first reading, syllables apart: 陈刚 "chen gang" sorts before 程波 "cheng bo"."""
    return " ".join(_syllable_sets(name)[0])
