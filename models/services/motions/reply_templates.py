"""The reply templates (答复函模板) of this database: read, edit, add, remove, reset.

Kept as a JSON list in the setting `motions.reply_templates`. Until a clerk first changes one,
the database has none of its own and reads the shipped file (resources/templates/
reply_templates.toml, a path desktop resolves); the first change stores the shipped list with it.
Every write locks the setting row, so two clerks editing different templates do not undo each
other, and the change log records the whole list before and after.
"""

from __future__ import annotations

from pathlib import Path

from sqlalchemy.orm import Session

from models.domain.errors import DomainError
from models.domain.reply_templates import (
    ReplyTemplate,
    check_variables,
    parse_templates,
    templates_json,
    templates_of_json,
)
from models.entities import Setting
from models.services.common.access import guarded
from models.services.common.settings import get_setting
from models.services.common.taken import refusing_taken_record
from models.services.motions._rules import rules_and_calendar
from models.store.unit_of_work import Database

REPLY_TEMPLATES = "motions.reply_templates"

__all__ = [
    "REPLY_TEMPLATES",
    "remove_reply_template",
    "reply_templates",
    "reset_reply_templates",
    "save_reply_template",
    "shipped_templates",
]


def shipped_templates(shipped: Path | None) -> tuple[ReplyTemplate, ...]:
    """The shipped file's templates (the usual opening alone when it is missing or broken)."""
    text = (
        shipped.read_text(encoding="utf-8") if shipped is not None and shipped.is_file() else None
    )
    return parse_templates(text)


def reply_templates(db: Database, *, shipped: Path | None = None) -> tuple[ReplyTemplate, ...]:
    """The templates the reply form offers: this database's, or the shipped ones."""
    stored = templates_of_json(get_setting(db, REPLY_TEMPLATES) or "")
    return stored or shipped_templates(shipped)


@guarded("motions.reply_templates")
def save_reply_template(
    db: Database,
    *,
    user: str,
    name: str,
    text: str,
    reply_class: str | None = None,
    original: ReplyTemplate | None = None,
    shipped: Path | None = None,
) -> tuple[ReplyTemplate, ...]:
    """Add a template (`original` None) or replace `original` (the template as the clerk loaded
    it: renamed, its class or text changed). Refused: a blank name or text, a name another template
    has, a class the rules do not know, a `{variable}` nobody fills, a template changed meanwhile.
    Returns the list after."""
    name, body = name.strip(), text.strip()
    if not name:
        raise DomainError("reply_template_name_blank", field="name")
    if not body:
        raise DomainError("reply_template_text_blank", field="text", name=name)
    check_variables(body)
    code = (reply_class or "").strip() or None
    if code is not None:
        rules, _calendar = rules_and_calendar(db)
        codes = [c.code for c in rules.reply_classes]
        if code not in codes:
            raise DomainError(
                "reply_template_class_invalid",
                field="reply_class",
                value=code,
                choices="、".join(codes),
            )
    template = ReplyTemplate(name, body + "\n", code)
    with refusing_taken_record("答复函模板"), db.unit_of_work(user) as uow:
        setting, templates = _locked(uow.session, shipped)
        at = _index(templates, original, setting) if original is not None else len(templates)
        if any(t.name == name for i, t in enumerate(templates) if i != at):
            raise DomainError("reply_template_name_taken", field="name", name=name)
        templates = [*templates[:at], template, *templates[at + 1 :]]
        result = _store(uow.session, setting, templates, user)
        uow.commit()
    return result


@guarded("motions.reply_templates")
def remove_reply_template(
    db: Database, *, user: str, original: ReplyTemplate, shipped: Path | None = None
) -> tuple[ReplyTemplate, ...]:
    """Remove one template (as the clerk loaded it); the last one stays."""
    with refusing_taken_record("答复函模板"), db.unit_of_work(user) as uow:
        setting, templates = _locked(uow.session, shipped)
        at = _index(templates, original, setting)
        if len(templates) == 1:
            raise DomainError("reply_template_last", field="name")
        result = _store(uow.session, setting, [*templates[:at], *templates[at + 1 :]], user)
        uow.commit()
    return result


@guarded("motions.reply_templates")
def reset_reply_templates(
    db: Database, *, user: str, shipped: Path | None = None, name: str | None = None
) -> tuple[ReplyTemplate, ...]:
    """Back to the shipped text: every template (the clerk's own are dropped), or only the one
    named (a shipped template's name). Returns the list after."""
    originals = shipped_templates(shipped)
    with refusing_taken_record("答复函模板"), db.unit_of_work(user) as uow:
        setting, templates = _locked(uow.session, shipped)
        if name is None:
            templates = list(originals)
        else:
            first = next((t for t in originals if t.name == name), None)
            if first is None:
                raise DomainError("reply_template_not_found", field="name", name=name)
            names = [t.name for t in templates]
            if name in names:
                templates[names.index(name)] = first
            else:
                templates.append(first)
        result = _store(uow.session, setting, templates, user)
        uow.commit()
    return result


def _locked(session: Session, shipped: Path | None) -> tuple[Setting | None, list[ReplyTemplate]]:
    setting = session.get(Setting, REPLY_TEMPLATES, with_for_update=True)
    stored = templates_of_json(setting.value) if setting is not None else ()
    return setting, list(stored or shipped_templates(shipped))


def _index(templates: list[ReplyTemplate], original: ReplyTemplate, setting: Setting | None) -> int:
    names = [t.name for t in templates]
    if original.name not in names:
        raise DomainError("reply_template_not_found", field="name", name=original.name)
    at = names.index(original.name)
    if templates[at] != original:
        raise DomainError(
            "reply_template_changed",
            field="text",
            name=original.name,
            changed_by=setting.updated_by if setting is not None else "",
        )
    return at


def _store(
    session: Session, setting: Setting | None, templates: list[ReplyTemplate], user: str
) -> tuple[ReplyTemplate, ...]:
    value = templates_json(tuple(templates))
    if setting is None:
        session.add(Setting(key=REPLY_TEMPLATES, value=value, updated_by=user))
    else:
        setting.value, setting.updated_by = value, user
    return tuple(templates)
