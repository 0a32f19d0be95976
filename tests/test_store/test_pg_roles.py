"""pg_roles: the URL an account connects with carries its login and password, never shown."""

from __future__ import annotations

import pytest
from sqlalchemy.engine import make_url

from models.services.common.context import database_display
from models.store.pg_roles import account_url


def test_account_url_carries_the_login_and_is_never_shown() -> None:
    configured = "postgresql+psycopg://office-db.local:5432/yishi?sslmode=require"
    url = account_url(configured, "zhang.san", "p@ss:w/rd 秘")
    parsed = make_url(url)
    assert (parsed.username, parsed.password) == ("zhang.san", "p@ss:w/rd 秘")
    assert (parsed.host, parsed.database, parsed.query) == (
        "office-db.local",
        "yishi",
        {"sslmode": "require"},
    )
    assert "p@ss" not in database_display(url)
    assert "p@ss" not in parsed.render_as_string(hide_password=True)
    with pytest.raises(ValueError):
        account_url("sqlite:///yishi.sqlite3", "zhang.san", "secret")
