"""Settings kept in the database so every clerk on a shared database works alike."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from models.domain.errors import DomainError
from models.entities import Setting
from models.services.common.access import guarded
from models.services.common.taken import is_unique_violation, refusing_taken_record
from models.store.unit_of_work import Database

RULES_ID = "rules.id"
RULES_CONTENT = "rules.content"
# Where the rules in force came from: "shipped" (resources/rules) or the path of a district's file.
RULES_ORIGIN = "rules.origin"
# The working-day calendar in force (written by services/motions/deadlines.py).
CALENDAR_CONTENT = "calendar.content"


def get_setting(db: Database, key: str) -> str | None:
    with db.session_factory() as session:
        return session.scalar(select(Setting.value).where(Setting.key == key))


def settings_of(db: Database, *keys: str) -> dict[str, str]:
    """Several settings in one query (a command reads the rules and the calendar together)."""
    with db.session_factory() as session:
        found = session.execute(select(Setting.key, Setting.value).where(Setting.key.in_(keys)))
        return {key: value for key, value in found if value is not None}


def rules_copy(db: Database) -> tuple[str, str] | None:
    """The rules file this database records and its id (`database` when none is named)."""
    found = settings_of(db, RULES_CONTENT, RULES_ID)
    if RULES_CONTENT not in found:
        return None
    return found[RULES_CONTENT], found.get(RULES_ID) or "database"


def record_rules(
    db: Database, *, user: str, rules_id: str, content: str, origin: str | None = None
) -> bool:
    """Record the rules file in force on first use; a database keeps its own copy after that
    (services/federation replaces it, logged, when the clerk asks). Two windows opening a
    new shared database at once: the second finds the first's copy, as if it had come later."""
    try:
        with db.unit_of_work(user) as uow:
            if uow.session.get(Setting, RULES_ID) is not None:
                return False
            uow.session.add_all(
                [
                    Setting(key=RULES_ID, value=rules_id, updated_by=user),
                    Setting(key=RULES_CONTENT, value=content, updated_by=user),
                ]
            )
            if origin is not None:
                uow.session.add(Setting(key=RULES_ORIGIN, value=origin, updated_by=user))
            uow.commit()
    except IntegrityError as exc:
        if not is_unique_violation(exc):
            raise
        return False
    return True


FONT_PRESET = "documents.font_preset"
FONT_PRESETS = {
    "government": "政府机关电脑（仿宋_GB2312 等）",
    "stock": "Windows 自带字体（仿宋、黑体、楷体、宋体）",
}


def font_preset(db: Database) -> str:
    """Which font names Word documents ask for; the office PCs decide, so it is a setting."""
    return get_setting(db, FONT_PRESET) or "government"


@guarded("settings.edit")
def set_font_preset(db: Database, *, user: str, preset: str) -> None:
    if preset not in FONT_PRESETS:
        raise DomainError(
            "value_invalid",
            field="font_preset",
            label="文书字体",
            value=preset,
            choices="、".join(FONT_PRESETS),
        )
    with refusing_taken_record("文书字体设置"), db.unit_of_work(user) as uow:
        setting = uow.session.get(Setting, FONT_PRESET)
        if setting is None:
            uow.session.add(Setting(key=FONT_PRESET, value=preset, updated_by=user))
        else:
            setting.value, setting.updated_by = preset, user
        uow.commit()
