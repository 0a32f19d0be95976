"""A motion's three texts (案由, 理由, 办法和建议) kept in its one stored body under 【headings】.

The form, the command line and the import compose the body the same way; the 提案表 and the edit
form split it back. A body written before the headings (one plain text) reads as all 案由.
"""

from __future__ import annotations

from dataclasses import dataclass

# The three texts' headings in the stored body, in order.
BODY_SECTIONS: tuple[tuple[str, str], ...] = (
    ("cause", "案由"),
    ("reasons", "理由"),
    ("proposals", "办法和建议"),
)


@dataclass(frozen=True)
class MotionTexts:
    cause: str = ""
    reasons: str = ""
    proposals: str = ""


def compose_body(texts: MotionTexts) -> str:
    """One body with a 【heading】 line before each text that is not blank."""
    parts = []
    for key, heading in BODY_SECTIONS:
        text = getattr(texts, key).strip()
        if text:
            parts.append(f"【{heading}】\n{text}")
    return "\n\n".join(parts)


def split_body(body: str) -> MotionTexts:
    """The three texts back from a stored body; a body without headings is all 案由."""
    found: dict[str, list[str]] = {}
    current: str | None = None
    headings = {f"【{heading}】": key for key, heading in BODY_SECTIONS}
    loose: list[str] = []
    for line in body.splitlines():
        key = headings.get(line.strip())
        if key is not None:
            current = key
            found.setdefault(key, [])
        elif current is None:
            loose.append(line)
        else:
            found[current].append(line)
    texts = {key: "\n".join(lines).strip() for key, lines in found.items()}
    if not found:
        return MotionTexts(cause=body.strip())
    if "\n".join(loose).strip():
        texts["cause"] = ("\n".join(loose).strip() + "\n" + texts.get("cause", "")).strip()
    return MotionTexts(**texts)
