"""Migration 0012 on a database with clerks and their history: app_user gains the account
columns in place (the change log and every record's history still point at it), the clerks
recorded before accounts stay administrators without a password, and every change-log row
written before is sealed into the hash chain, in id order. Both backends."""

from __future__ import annotations

from alembic import command
from sqlalchemy import select, text

from models.entities import ChangeLog, User
from models.store import migrate
from models.store.audit_chain import GENESIS, chain_hash
from models.store.unit_of_work import Database

_ROWS_AT_0011 = (
    "INSERT INTO app_user (id, login, display_name, created_at) "
    "VALUES (7, 'zhang', 'zhang', '2025-01-01 00:00:00')",
    "INSERT INTO change_log (at, user_id, user_login, action, entity, entity_id, before, after,"
    " note) VALUES ('2025-01-02 08:00:00', 7, 'zhang', 'insert', 'person', '1', NULL,"
    ' \'{"name": "陈刚", "id_number": "110109********1239"}\', NULL)',
    "INSERT INTO change_log (at, user_id, user_login, action, entity, entity_id, before, after,"
    " note) VALUES ('2025-01-03 09:30:00', 7, 'zhang', 'update', 'person', '1',"
    " '{\"phone\": null}', '{\"phone\": \"13800000000\"}', '电话')",
)


def _upgrade_to(engine, revision: str) -> None:
    config = migrate.alembic_config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, revision)


def test_clerks_keep_their_history_and_the_old_log_is_sealed(fresh, backend):
    engine = fresh.engine(backend)
    _upgrade_to(engine, "0011")
    with engine.begin() as connection:
        for statement in _ROWS_AT_0011:
            connection.execute(text(statement))
    _upgrade_to(engine, "head")
    db = Database(engine)
    with db.session_factory() as session:
        clerk = session.scalar(select(User).where(User.login == "zhang"))
        entries = session.scalars(select(ChangeLog).order_by(ChangeLog.id)).all()
    assert clerk is not None
    assert (clerk.role, clerk.active, clerk.password_hash, clerk.unit_id) == (
        "admin",
        True,
        None,
        None,
    )
    previous = GENESIS
    for entry in entries:
        content = {
            f: getattr(entry, f)
            for f in (
                "at",
                "user_login",
                "action",
                "entity",
                "entity_id",
                "before",
                "after",
                "note",
            )
        }
        assert entry.prev_hash == previous
        assert entry.entry_hash == chain_hash(previous, content)
        previous = entry.entry_hash
    assert [e.action for e in entries] == ["insert", "update"]
    # The next write continues the chain from the last sealed entry.
    with db.unit_of_work("zhang") as uow:
        uow.log(action="reveal", entity="person", entity_id=1, note="查看完整身份证号")
        uow.commit()
    with db.session_factory() as session:
        last = session.scalars(select(ChangeLog).order_by(ChangeLog.id.desc())).first()
    assert last is not None and last.prev_hash == previous
