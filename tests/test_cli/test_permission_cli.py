"""Every subcommand that works on the database × every role, with sign-in required.

A refused run exits 2 with the Chinese message naming the role and the action on stderr and
writes nothing; an allowed run gets past the check (it may then fail for another reason: the
cheap arguments name files and terms that do not exist). One copy of the demo for the module.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from desktop.cli.access import CLI_ACTIONS
from models.domain.messages import message
from models.domain.permissions import PERMISSIONS, may
from models.domain.roles import ROLE_NAMES, Role
from models.services.accounts._passwords import hash_password
from models.store.engine import create_database_engine
from models.store.unit_of_work import Database
from tests.test_services._accounts import add_account, login_of, require_sign_in

from .conftest import DemoTemplate
from .helpers import run_cli, scalar, sqlite_url

PASSWORD = "Matrix-Test-2026!"
A, S, L, U, R = Role.ADMIN, Role.SECRETARIAT, Role.LEADER, Role.UNIT, Role.READONLY
# Besides reading, 只读 prints, and (once accounts land) changes its own password: nothing else.
READONLY_ALSO = {"papers.print", "accounts.own_password"}


@dataclass(frozen=True)
class Office:
    path: Path
    unit_id: int
    folder: Path

    @property
    def url(self) -> str:
        return sqlite_url(self.path)


@pytest.fixture(scope="module")
def office(
    demo_template: DemoTemplate, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Office]:
    """The demo with an account per role (the unit account for the demo's busiest unit)."""
    folder = tmp_path_factory.mktemp("permission-cli")
    path = folder / "yishi.sqlite3"
    shutil.copy(demo_template.path, path)
    unit_id = scalar(
        path,
        "SELECT unit_id FROM assignment WHERE active GROUP BY unit_id"
        " ORDER BY count(*) DESC, unit_id LIMIT 1",
    )
    engine = create_database_engine(sqlite_url(path))
    db = Database(engine)
    hashed = hash_password(PASSWORD)  # at the suite's light cost (tests/conftest.py)
    for role in Role:
        add_account(
            db,
            login_of(role),
            role,
            unit_id=unit_id if role is U else None,
            password_hash=hashed,
            by=demo_template.user,
        )
    require_sign_in(db, by=demo_template.user)
    engine.dispose()
    yield Office(path, unit_id, folder)


def _argv(key: tuple[str, str | None], folder: Path) -> list[str]:
    missing = str(folder / "missing.xlsx")
    out = str(folder / "out")
    return {
        ("demo", None): ["demo"],
        ("people", "list"): ["people", "list"],
        ("meetings", "list"): ["meetings", "list"],
        ("motions", "list"): ["motions", "list"],
        ("motions", "add"): [
            *("motions", "add", "--proposer", "无此人", "--title", "权限测试"),
            *("--category", "其他"),
        ],
        ("motions", "import"): ["motions", "import", missing],
        ("template", "motions"): ["template", "motions", "-o", f"{out}.xlsx"],
        ("decisions", "list"): ["decisions", "list"],
        ("check", None): ["check", "--body", "congress"],
        ("check", "organisation"): ["check", "organisation", "--year", "2026"],
        ("import", "slate"): ["import", "slate", "--body", "congress", missing],
        ("print", None): ["print", "signin", "--meeting", "987654", "-o", f"{out}.pdf"],
        ("setup", None): ["setup", "--telephone", "010-69800000"],
        ("terms", "list"): ["terms", "list"],
        ("terms", "open"): ["terms", "open", "--body", "presidium", "--term", "1"],
        ("terms", "elect"): ["terms", "elect", "--body", "congress", "--term", "99", "--all"],
        ("terms", "make-current"): [
            *("terms", "make-current", "--body", "congress", "--term", "99"),
            *("--date", "2026-01-05"),
        ],
        ("units", "list"): ["units", "list", "--body", "congress"],
        ("units", "set"): ["units", "set", "--body", "congress", "--term", "99", "--unit", "甲=3"],
        ("import", "roster"): ["import", "roster", "--body", "presidium", missing],
        # issue 17 — the organisation registers, keyed by the action
        ("registers", "list"): ["registers", "cadres", "list"],
        ("registers", "history"): ["registers", "cadres", "history", "--id", "987654"],
        ("registers", "add"): [
            *("registers", "townships", "add", "--name", "权限测试镇", "--kind", "乡镇"),
        ],
        ("registers", "edit"): ["registers", "cadres", "edit", "--id", "987654", "--post", "甲"],
        ("registers", "end"): ["registers", "cadres", "end", "--id", "987654"],
        ("registers", "remove"): ["registers", "visits", "remove", "--id", "987654"],
        ("registers", "import"): ["registers", "cadres", "import", missing],
        **{
            ("template", register): ["template", register, "-o", f"{out}-{register}.xlsx"]
            for register in ("cadres", "places", "homes", "contacts", "visits", "organisations")
        },
        ("db", "backup"): ["db", "backup", str(folder / "backup.sqlite3")],
        ("db", "restore"): ["db", "restore", str(folder / "missing.sqlite3")],
    }[key]


SUBCOMMANDS = {**CLI_ACTIONS, ("db", "backup"): "db.backup", ("db", "restore"): "db.restore"}

# The cells that matter most, written out so that a wrong table fails here too.
EXPLICIT: dict[tuple[tuple[str, str | None], Role], bool] = {
    (("people", "list"), U): False,
    (("people", "list"), R): True,
    (("motions", "list"), U): True,
    (("print", None), R): True,
    (("db", "restore"), S): False,
    (("demo", None), S): False,
    (("setup", None), S): False,
    (("motions", "add"), R): False,
    (("units", "set"), L): False,
}


def _refusal(role: Role, action: str) -> str:
    return message("role_refused", {"role": ROLE_NAMES[role], "action": PERMISSIONS[action].label})


def _log_rows(office: Office) -> int:
    """Change-log rows of the work itself: a sign-in, once the command line records it, is an
    entry of its own that a refused command may follow."""
    return int(
        scalar(office.path, "SELECT count(*) FROM change_log WHERE lower(action) NOT LIKE '%sign%'")
    )


@pytest.mark.parametrize(
    "key", sorted(SUBCOMMANDS, key=str), ids=lambda k: " ".join(filter(None, k))
)
def test_each_subcommand_and_role(
    key: tuple[str, str | None],
    office: Office,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("YISHI_PASSWORD", PASSWORD)
    action = SUBCOMMANDS[key]
    for role in Role:
        allowed = may(role, action)
        if (key, role) in EXPLICIT:
            assert allowed == EXPLICIT[(key, role)], f"{key} × {role}: the table is wrong"
        if role is R and not (action.endswith(".read") or action in READONLY_ALSO):
            assert not allowed, f"{key}: 只读 may not change anything"
        before = _log_rows(office)
        result = run_cli(
            capsys, "--database", office.url, "--user", login_of(role), *_argv(key, office.folder)
        )
        refused = _refusal(role, action) in result.err
        if allowed:
            assert not refused, f"{key} × {role}: refused, the table allows it: {result.err}"
        else:
            assert result.code == 2 and refused, f"{key} × {role}: {result.code} {result.err}"
            assert _log_rows(office) == before, f"{key} × {role}: refused but wrote"


def test_a_unit_account_lists_only_its_units_motions(
    office: Office, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("YISHI_PASSWORD", PASSWORD)
    listed = {}
    for role in (S, U):
        result = run_cli(
            capsys, "--database", office.url, "--user", login_of(role), "motions", "list", "--json"
        )
        assert result.code == 0, result.err
        listed[role] = {row["id"] for row in result.json()}
    mine = {
        row[0]
        for row in _query(
            office,
            "SELECT m.id FROM motion m WHERE m.id IN (SELECT motion_id FROM assignment"
            " WHERE unit_id = ? AND active) OR m.lead_motion_id IN (SELECT motion_id FROM"
            " assignment WHERE unit_id = ? AND active)",
            office.unit_id,
            office.unit_id,
        )
    }
    assert listed[U] and listed[U] < listed[S]
    assert listed[U] == mine & listed[S]


def _query(office: Office, sql: str, *params: object) -> list[tuple[object, ...]]:
    from .helpers import query

    return query(office.path, sql, *params)
