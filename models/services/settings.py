"""Settings kept in the database so every clerk on a shared database works alike."""

from __future__ import annotations

from sqlalchemy import select

from models.entities import Setting
from models.store.unit_of_work import Database

RULES_ID = "rules.id"
RULES_CONTENT = "rules.content"


def get_setting(db: Database, key: str) -> str | None:
    with db.session_factory() as session:
        return session.scalar(select(Setting.value).where(Setting.key == key))


def record_rules(db: Database, *, user: str, rules_id: str, content: str) -> bool:
    """Record the rules file in force on first use; a database keeps its own copy after that."""
    with db.unit_of_work(user) as uow:
        if uow.session.get(Setting, RULES_ID) is not None:
            return False
        uow.session.add_all(
            [
                Setting(key=RULES_ID, value=rules_id, updated_by=user),
                Setting(key=RULES_CONTENT, value=content, updated_by=user),
            ]
        )
        uow.commit()
    return True
