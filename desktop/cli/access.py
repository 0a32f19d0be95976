"""What each subcommand asks of the signed-in account, checked before it reads or writes.

The core's commands check their own action again when they run (`guarded`); this table lets a
read — a list, a check, a template, a paper — be refused as plainly, before anything is read,
with the same Chinese message and exit 2. Accounts and the audit trail check their own.
"""

from __future__ import annotations

from models.services.common.access import allowed
from models.store.unit_of_work import Database

# (command, subcommand) → the action of models/domain/permissions.py it takes.
CLI_ACTIONS: dict[tuple[str, str | None], str] = {
    ("demo", None): "demo.generate",
    ("people", "list"): "people.read",
    ("meetings", "list"): "meetings.read",
    ("motions", "list"): "motions.read",  # a 承办单位 account: its unit's motions only
    ("motions", "add"): "motions.intake",
    ("motions", "import"): "motions.intake",
    # The import's template lists the presidium's members: for the clerks who register motions.
    ("template", "motions"): "motions.intake",
    # issue 17 — a register's template lists its names (members, places): for its clerks
    ("registers", "import"): "organisation.edit",
    **{
        ("template", register): "organisation.edit"
        for register in ("cadres", "places", "homes", "contacts", "visits", "organisations")
    },
    ("decisions", "list"): "decisions.read",
    ("check", None): "slates.read",
    ("check", "organisation"): "organisation.read",
    ("import", "slate"): "slates.import",
    ("print", None): "papers.print",
    ("setup", None): "federation.set_up",
    ("terms", "list"): "terms.read",
    ("terms", "open"): "terms.edit",
    ("terms", "elect"): "terms.edit",
    ("terms", "make-current"): "terms.edit",
    ("units", "list"): "terms.read",  # electoral units: 查看届次与选举单位
    ("units", "set"): "electoral.edit",
    ("import", "roster"): "rosters.import",
    # issue 17 — `registers <register> <action>`: keyed by the action, whatever the register
    ("registers", "list"): "organisation.read",
    ("registers", "history"): "organisation.read",
    ("registers", "add"): "organisation.edit",
    ("registers", "edit"): "organisation.edit",
    ("registers", "end"): "organisation.edit",
    ("registers", "remove"): "organisation.edit",
}


def check_subcommand(db: Database, user: str, key: tuple[str, str | None]) -> None:
    """Refuse (`role_refused`) a subcommand the account's role may not run."""
    action = CLI_ACTIONS.get(key)
    if action is not None:
        allowed(db, user, action)
