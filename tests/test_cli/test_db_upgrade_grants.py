"""`yishi db upgrade` on PostgreSQL sets up the roles' grants, or says in Chinese why it cannot."""

from __future__ import annotations

import re
import uuid

from conftest import PG_URL
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from models.store import migrate

from .helpers import CJK, run_cli


def test_upgrade_sets_up_the_grants(capsys, postgres_available, fresh):
    url = fresh.url("postgresql")
    upgraded = run_cli(capsys, "db", "upgrade", "--json", "--database", url)
    assert upgraded.code == 0, upgraded.err
    assert upgraded.json()["grants"] is True
    engine = create_engine(url)
    with engine.connect() as connection:
        refused = connection.scalar(
            text("SELECT has_table_privilege('yishi_readonly', 'change_log', 'INSERT')")
        )
        secured = connection.scalar(
            text("SELECT relrowsecurity FROM pg_class WHERE oid = CAST('motion' AS regclass)")
        )
    engine.dispose()
    assert (refused, secured) == (False, True)

    again = run_cli(capsys, "db", "upgrade", "--database", url)
    assert again.code == 0, again.err
    assert "无需升级" in again.out and "已设置数据库权限" in again.out


def test_a_role_that_may_not_grant_is_told_what_to_do(capsys, postgres_available, fresh):
    """Migrated by the owner; then `db upgrade` run by a login that may read but owns nothing."""
    url = fresh.url("postgresql")
    owner = create_engine(url)
    migrate.upgrade(owner)
    owner.dispose()
    login = f"yishi_t_clerk_{uuid.uuid4().hex[:8]}"
    schema = make_url(url).query["options"].removeprefix("-csearch_path=")
    admin = create_engine(PG_URL)
    with admin.begin() as connection:
        connection.exec_driver_sql(f'CREATE ROLE "{login}" LOGIN')
        connection.exec_driver_sql(f'GRANT USAGE ON SCHEMA "{schema}" TO "{login}"')
        connection.exec_driver_sql(f'GRANT SELECT ON ALL TABLES IN SCHEMA "{schema}" TO "{login}"')
    try:
        as_clerk = make_url(url).set(username=login).render_as_string(hide_password=False)
        refused = run_cli(capsys, "db", "upgrade", "--json", "--database", as_clerk)
        assert refused.code == 2, refused.out + refused.err
        error = refused.error()
        assert error["code"] == "database_unusable"
        assert login in error["message"] and "CREATEROLE" in error["message"]
        assert "Traceback" not in refused.err
        plain = run_cli(capsys, "db", "upgrade", "--database", as_clerk)
        assert plain.code == 2 and "yishi db upgrade" in plain.err
        assert re.search(f"[{CJK}]", plain.err)
    finally:
        with admin.begin() as connection:
            connection.exec_driver_sql(f'DROP OWNED BY "{login}"')
            connection.exec_driver_sql(f'DROP ROLE "{login}"')
        admin.dispose()
