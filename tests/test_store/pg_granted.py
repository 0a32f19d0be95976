"""The database the PostgreSQL grants tests share per module: seeded as the superuser through
the services — handling units, motions assigned to 康复部, to 区教委, to both, and one not yet
assigned — grants applied, and a login role per Yishi group (康复部's for the unit account)."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from conftest import FreshDatabases
from pg_accounts import add_accounts, drop_logins
from sqlalchemy import Engine
from test_services.test_motions_setup import Setup, build_setup

from models.domain.roles import Role
from models.entities import Motion
from models.services.motions.commands.handling import assign_motion
from models.services.motions.commands.intake import accept_motion, advance_motion, register_motion
from models.store.engine import create_database_engine
from models.store.pg_grants import set_up_grants
from models.store.pg_roles import account_url
from models.store.unit_of_work import Database

ASSIGNED = date(2026, 1, 5)


@dataclass
class Granted:
    db: Database  # the superuser's, which owns the tables
    url: str
    setup: Setup
    motions: dict[str, int]  # 康复部's, 区教委's, and one not assigned yet
    logins: dict[Role, str]
    engines: dict[Role, Engine]

    def database(self, role: Role) -> Database:
        return Database(self.engines[role])


def version_of(db: Database, motion_id: int) -> int:
    with db.session_factory() as session:
        found = session.get(Motion, motion_id)
        assert found is not None
        return found.version


def _motion(db: Database, setup: Setup, title: str, *units: tuple[str, str]) -> int:
    motion_id = register_motion(db, user="clerk", draft=setup.draft(title)).id
    if not units:
        return motion_id
    for action in ("submit", "start_review"):
        advance_motion(
            db,
            user="clerk",
            motion_id=motion_id,
            expected_version=version_of(db, motion_id),
            action=action,
        )
    accept_motion(db, user="clerk", motion_id=motion_id, expected_version=version_of(db, motion_id))
    assign_motion(
        db,
        user="clerk",
        motion_id=motion_id,
        expected_version=version_of(db, motion_id),
        units=[(setup.units[unit], role) for unit, role in units],
        assigned_on=ASSIGNED,
    )
    return motion_id


@contextmanager
def granted_database(folder: Path) -> Iterator[Granted]:
    """A fresh migrated database, seeded, grants applied, a login per group; all gone after."""
    databases = FreshDatabases(folder)
    logins: dict[Role, str] = {}
    try:
        db = databases.database("postgresql")
        url = db.engine.url.render_as_string(hide_password=False)
        setup = build_setup(db)
        motions = {
            "康复部": _motion(db, setup, "关于康复服务进社区的提案", ("康复部", "主办")),
            "区教委": _motion(db, setup, "关于融合教育资源教室的提案", ("区教委", "主办")),
            "none": _motion(db, setup, "关于无障碍出行的提案"),
            # 康复部 returns it (退办 ends 区教委's assignment too); 康复部 gives its 协办意见.
            "returned": _motion(
                db, setup, "关于盲道整治的提案", ("康复部", "主办"), ("区教委", "协办")
            ),
            "co": _motion(
                db, setup, "关于特教学校扩建的提案", ("区教委", "主办"), ("康复部", "协办")
            ),
        }
        set_up_grants(db.engine)
        logins = add_accounts(db, setup.units["康复部"], uuid.uuid4().hex[:8])
        engines = {
            role: create_database_engine(account_url(url, login, "pw"))
            for role, login in logins.items()
        }
        databases.engines.extend(engines.values())
        yield Granted(db, url, setup, motions, logins, engines)
    finally:
        databases.close()  # engines first: a role with a live connection cannot be dropped
        if logins:
            drop_logins(logins)
