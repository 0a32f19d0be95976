"""Reply templates (答复函正文模板): the variables a body may use, reading the shipped TOML file,
filling a body from a motion's values, and the check that refuses a variable nobody fills.
"""

from __future__ import annotations

import json
import re
import tomllib
from dataclasses import dataclass

from models.domain.errors import DomainError

# The variables a template (or the clerk, in the text) may use, and what each stands for.
VARIABLES: tuple[tuple[str, str], ...] = (
    ("proposer", "提案人"),
    ("title", "提案标题"),
    ("number", "编号"),
    ("unit", "主办单位"),
    ("date", "今天的日期"),
)
VARIABLE_KEYS = frozenset(key for key, _name in VARIABLES)
# Anything in braces is meant as a variable ({提案人} too); "{}" and nested braces are plain text.
_BRACED = re.compile(r"\{([^{}\n]+)\}")

OPENING = "您提出的《{title}》（{number}）收悉，现答复如下：\n"


@dataclass(frozen=True)
class ReplyTemplate:
    name: str
    text: str
    reply_class: str | None = None  # chosen with this 答复类别 while the text is untouched


# When the file is missing or unreadable the form still opens with the usual opening.
FALLBACK = (ReplyTemplate("通用", OPENING),)


def parse_templates(text: str | None) -> tuple[ReplyTemplate, ...]:
    """The [[template]] tables of the shipped file; a table without a name or text is skipped."""
    if not text:
        return FALLBACK
    try:
        tables = tomllib.loads(text).get("template", [])
    except tomllib.TOMLDecodeError:
        return FALLBACK
    templates = tuple(
        ReplyTemplate(
            name=str(t["name"]).strip(),
            text=str(t["text"]).strip() + "\n",
            reply_class=str(t["reply_class"]).strip() if t.get("reply_class") else None,
        )
        for t in tables
        if isinstance(t, dict) and str(t.get("name", "")).strip() and str(t.get("text", "")).strip()
    )
    return templates or FALLBACK


def templates_json(templates: tuple[ReplyTemplate, ...]) -> str:
    """The stored form (a setting's value): a JSON list, Chinese kept readable."""
    return json.dumps(
        [{"name": t.name, "reply_class": t.reply_class, "text": t.text} for t in templates],
        ensure_ascii=False,
        indent=1,
    )


def templates_of_json(text: str) -> tuple[ReplyTemplate, ...]:
    """The stored list; empty when the value is not such a list (the shipped ones serve then)."""
    try:
        items = json.loads(text)
    except json.JSONDecodeError:
        return ()
    if not isinstance(items, list):
        return ()
    return tuple(
        ReplyTemplate(str(i["name"]), str(i["text"]), i.get("reply_class") or None)
        for i in items
        if isinstance(i, dict) and i.get("name") and i.get("text")
    )


def unknown_variables(text: str) -> list[str]:
    """The braced names in the text that are not variables, in order, each once."""
    found = [m.group(1).strip() for m in _BRACED.finditer(text)]
    return list(dict.fromkeys(name for name in found if name not in VARIABLE_KEYS))


def check_variables(text: str) -> None:
    unknown = unknown_variables(text)
    if unknown:
        raise DomainError(
            "reply_template_unknown_variable",
            field="text",
            name=unknown[0],
            choices="、".join("{" + key + "}" + name for key, name in VARIABLES),
        )


def fill_template(template: str, values: dict[str, str]) -> str:
    """The template with its {variables} filled in; an unknown variable is left as written."""
    text = template
    for key, value in values.items():
        text = text.replace("{" + key + "}", value)
    return text
