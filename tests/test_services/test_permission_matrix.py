"""Every guarded command × every role, on SQLite and PostgreSQL, with sign-in required.

A refused cell is `role_refused` in Chinese naming the role and the action, with nothing written;
an allowed cell gets past the check (it may then fail for a domain reason: the cheap arguments
name records that do not exist). The expected answer comes from the table, and the cells that
matter most are written out below as well, so a wrong table fails here too.
"""

from __future__ import annotations

import ast
import importlib
import inspect
import pkgutil
import textwrap
from datetime import date
from pathlib import Path
from typing import Any

import pytest

import models.services
from models.domain.errors import DomainError
from models.domain.messages import message
from models.domain.permissions import PERMISSIONS, may
from models.domain.roles import ROLE_NAMES, Role
from models.entities import ChangeLog
from models.services.common.access import guarded
from models.services.meetings.contracts import BodyKind
from models.services.papers.contracts import PaperFormat
from models.store.unit_of_work import Database
from tests.test_services._accounts import (
    accounts_for_every_role,
    guarded_commands,
    login_of,
    set_leader_signs,
    undone,
)
from tests.test_services._support import count

A, S, L, U, R = Role.ADMIN, Role.SECRETARIAT, Role.LEADER, Role.UNIT, Role.READONLY
# Besides reading, 只读 prints, and (once accounts land) changes its own password: nothing else.
READONLY_ALSO = {"papers.print", "accounts.own_password"}
ONLY_ADMIN = {A}

# Public functions of the services that open a unit of work but are no user action of their own:
# the edit preamble, the rules and the shipped calendar recorded at start, and a setting written for a command that
# is itself guarded (auto backup, the demo marker).
NOT_USER_ACTIONS = {
    "models.services.common.command.editing",
    "models.services.common.settings.record_rules",
    "models.services.common.federation_data.put_setting",
    "models.services.motions.commands.calendar.record_calendar",
    # The log entry of a file a guarded command wrote (write_paper, write_template …).
    "models.services.audit.records.record_file_written",
}

# The cells that matter most, independent of the table (leader_signs false).
ADMIN_ONLY_COMMANDS = {
    "models.services.common.settings.set_font_preset",
    "models.services.common.auto_backup.set_auto_backup",
    "models.services.federation.commands.replace_rules",
    "models.services.federation.commands.set_up",
    "models.services.motions.commands.calendar.set_year",
    "models.services.motions.commands.calendar.remove_year",
    "models.services.motions.commands.calendar.import_calendar_text",
    "models.services.motions.commands.calendar.import_calendar_file",
    "models.services.common.federation_data.clear_federation",
}
EXPLICIT: dict[tuple[str, Role], bool] = {
    ("models.services.people.queries.list_people", U): False,
    ("models.services.people.queries.list_people", R): True,
    ("models.services.people.commands.reveal_id_number", R): False,
    ("models.services.people.commands.reveal_id_number", L): False,
    ("models.services.people.commands.reveal_id_number", S): True,
    ("models.services.motions.commands.handling.receive_motion", U): True,
    ("models.services.motions.commands.handling.unit_return", U): True,
    ("models.services.motions.commands.replies.send_reply", U): True,
    ("models.services.motions.commands.handling.assign_motion", U): False,
    ("models.services.motions.commands.replies.send_reply", L): False,
    ("models.services.meetings.commands.minutes.finalise_minutes", L): False,
    ("models.services.meetings.commands.minutes.write_minutes", L): False,
    ("models.services.papers.commands.write_paper", R): True,
    ("models.services.papers.commands.write_paper", U): False,
    ("models.services.motions.commands.units.rename_handling_unit", U): False,
}
# With [permissions] leader_signs = true the leader signs replies and finalises minutes.
LEADER_SIGNS = {
    "models.services.motions.commands.replies.send_reply",
    "models.services.meetings.commands.minutes.finalise_minutes",
}


def _value(annotation: str, tmp_path: Path) -> Any:
    """A cheap argument of the annotated type: a record id that does not exist, an empty list."""
    simple = annotation.replace(" | None", "")
    if simple == "int":
        return 987_654
    if simple == "date":
        return date(2026, 1, 5)
    if simple == "str":
        return "权限测试"
    if simple == "bool":
        return True
    if simple == "bytes":
        return b"x"
    if simple in ("Path", "Path | str"):
        return tmp_path / "missing.xlsx"
    if simple.startswith(("Sequence", "Collection", "Iterable")):
        return []
    if simple.startswith("Mapping"):
        return {}
    if simple == "BodyKind":
        return BodyKind.PRESIDIUM
    if simple == "PaperFormat":
        return PaperFormat.PDF
    if simple == "Role":
        return Role.READONLY
    return None  # a draft: the command then fails after the check, which is all a cell asks


def _arguments(command: Any, tmp_path: Path) -> dict[str, Any]:
    parameters = inspect.signature(command).parameters.values()
    return {
        p.name: _value(str(p.annotation), tmp_path)
        for p in parameters
        if p.default is inspect.Parameter.empty and p.name not in ("db", "user")
    }


def expected(name: str, action: str, role: Role, *, leader_signs: bool) -> bool:
    answer = may(role, action, leader_signs=leader_signs)
    if leader_signs and role is L and name in LEADER_SIGNS:
        assert answer, f"{name}: the leader signs when the rules say so"
    return answer


def _explicit_checks(name: str, action: str) -> None:
    """The table's answer for the cells written out above."""
    for role in Role:
        answer = may(role, action)
        if name in ADMIN_ONLY_COMMANDS:
            assert answer == (role is A), f"{name} × {role}: only an administrator"
        if role is R and not (action.endswith(".read") or action in READONLY_ALSO):
            assert not answer, f"{name}: 只读 may not edit anything"
        if (name, role) in EXPLICIT:
            assert answer == EXPLICIT[(name, role)], f"{name} × {role}"


def _walk(db: Database, tmp_path: Path, *, leader_signs: bool) -> list[str]:
    problems: list[str] = []
    for name, command in sorted(guarded_commands().items()):
        action = command.action
        _explicit_checks(name, action)
        for role in Role:
            arguments = _arguments(command, tmp_path)
            before = count(db, ChangeLog)
            allowed = expected(name, action, role, leader_signs=leader_signs)
            error: BaseException | None = None
            with undone(db):
                try:
                    command(db, user=login_of(role), **arguments)
                except Exception as exc:  # an allowed cell may fail after the check
                    error = exc
            refused = isinstance(error, DomainError) and error.code == "role_refused"
            if allowed and refused:
                problems.append(f"{name} × {role}: refused, the table allows it")
            if not allowed:
                if not refused:
                    problems.append(f"{name} × {role}: not refused ({error!r})")
                    continue
                assert isinstance(error, DomainError)
                text = message(error.code, error.params)
                if ROLE_NAMES[role] not in text or PERMISSIONS[action].label not in text:
                    problems.append(f"{name} × {role}: message does not say who and what: {text}")
                if count(db, ChangeLog) != before:
                    problems.append(f"{name} × {role}: refused but wrote the change log")
    return problems


def test_every_command_and_role(db: Database, tmp_path: Path) -> None:
    accounts_for_every_role(db)
    commands = guarded_commands()
    assert len(commands) > 80
    assert not _walk(db, tmp_path, leader_signs=False)


def _refused(db: Database, name: str, role: Role, tmp_path: Path) -> bool:
    command = guarded_commands()[name]
    with undone(db):
        try:
            command(db, user=login_of(role), **_arguments(command, tmp_path))
        except DomainError as error:
            return error.code == "role_refused"
        except Exception:  # past the check: the cheap arguments fail the command itself
            return False
    return False


def test_the_leader_signs_when_the_rules_say_so(db: Database, tmp_path: Path) -> None:
    accounts_for_every_role(db)
    set_leader_signs(db, True)
    assert not any(_refused(db, name, L, tmp_path) for name in LEADER_SIGNS)
    set_leader_signs(db, False)
    assert all(_refused(db, name, L, tmp_path) for name in LEADER_SIGNS)


def test_a_disabled_account_or_a_stranger_is_refused(db: Database, tmp_path: Path) -> None:
    from models.services.motions.commands.units import add_handling_unit
    from tests.test_services._accounts import add_account

    accounts_for_every_role(db)
    add_account(db, "matrix-gone", A, active=False, by=login_of(A))
    for login in ("matrix-gone", "matrix-nobody"):
        with pytest.raises(DomainError) as failed:
            add_handling_unit(db, user=login, name="不应写入")
        assert failed.value.code == "account_refused"


def test_a_command_inside_a_command_is_checked_once(db: Database) -> None:
    """add_person → add_people: the outer check covers the inner call (one check, one refusal)."""
    calls: list[str] = []

    @guarded("people.edit")
    def inner(db: Database, *, user: str) -> str:
        calls.append("inner")
        return user

    @guarded("people.read")
    def outer(db: Database, *, user: str) -> str:
        calls.append("outer")
        return inner(db, user=user)

    accounts_for_every_role(db)
    assert outer(db, user=login_of(R)) == login_of(R)
    assert calls == ["outer", "inner"]
    with pytest.raises(DomainError) as refused:
        inner(db, user=login_of(R))
    assert refused.value.code == "role_refused"


def _opens_a_unit_of_work(function: Any) -> bool:
    source = textwrap.dedent(inspect.getsource(function))
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Call):
            callee = node.func
            name = callee.attr if isinstance(callee, ast.Attribute) else getattr(callee, "id", "")
            if name == "unit_of_work" or name.startswith("editing"):
                return True
    return False


def test_no_command_opening_a_unit_of_work_is_left_unguarded() -> None:
    missing = []
    for info in pkgutil.walk_packages(models.services.__path__, "models.services."):
        if info.name.rsplit(".", 1)[-1].startswith("_"):
            continue  # private helpers are called by commands, never by a clerk
        module = importlib.import_module(info.name)
        for name, value in vars(module).items():
            if name.startswith("_") or not inspect.isfunction(value):
                continue
            if value.__module__ != module.__name__ or hasattr(value, "action"):
                continue
            qualified = f"{module.__name__}.{name}"
            if qualified not in NOT_USER_ACTIONS and _opens_a_unit_of_work(value):
                missing.append(qualified)
    assert not missing, f"commands without @guarded: {missing}"
    assert set(guarded_commands()) >= ADMIN_ONLY_COMMANDS | LEADER_SIGNS
    assert {name for name, _ in EXPLICIT} <= set(guarded_commands())


def test_whole_id_numbers_need_their_own_right(db: Database, tmp_path: Path) -> None:
    """只读 and 领导 read and print, but never a whole ID number: the people list with reveal and
    a slate printed with whole numbers are refused them, and nothing is logged."""
    from models.services.papers.commands import write_paper
    from models.services.papers.contracts import PaperKind, PaperRequest
    from models.services.people.contracts import PeopleFilter
    from models.services.people.queries import list_people

    accounts_for_every_role(db)
    request = PaperRequest(PaperKind.SLATE, body=BodyKind.CONGRESS, identifiers_whole=True)
    for role in Role:
        may_reveal = role in (A, S)
        before = count(db, ChangeLog)
        for reveal in (
            lambda login: list_people(db, user=login, where=PeopleFilter(), reveal=True),
            lambda login: write_paper(
                db, user=login, request=request, path=tmp_path / "名单.pdf", fonts_dir=tmp_path
            ),
        ):
            try:
                reveal(login_of(role))
                refused = False
            except DomainError as error:
                refused = error.code == "role_refused"
            assert refused is not may_reveal, role
        if not may_reveal:
            assert count(db, ChangeLog) == before
