"""`yishi registers <register> list|add|edit|end|remove|history`: the organisation registers
(issue 17) from the command line, through the same commands and queries as the windows.

Options are named after the draft's fields; a township, place, Warm Home, organisation or
person is given by name or by id (a name two records share is refused, listing them with their
ids). `edit` starts from the record as stored and changes only what is given.
"""

from __future__ import annotations

import argparse
import dataclasses
from datetime import date
from typing import Any

from desktop.cli.audit import entry_json
from desktop.cli.output import print_json, say
from desktop.cli.parser_registers import REGISTER_FIELDS
from models.domain.errors import DomainError
from models.domain.meeting_vocabulary import FEDERATION_TZ
from models.services.organisation.commands import (
    add_record,
    edit_record,
    end_record,
    remove_record,
)
from models.services.organisation.contracts import (
    REGISTER_NAMES,
    CadreDraft,
    ContactPointDraft,
    FieldVisitDraft,
    OfficerDraft,
    OrganisationDraft,
    PlaceDraft,
    PopulationDraft,
    RecordRow,
    Register,
    TownshipDraft,
    WarmHomeDraft,
)
from models.services.organisation.queries import get_record, list_records, record_history
from models.services.people.queries import registry
from models.store.unit_of_work import Database

DRAFTS: dict[Register, type[Any]] = {
    Register.TOWNSHIPS: TownshipDraft,
    Register.PLACES: PlaceDraft,
    Register.POPULATION: PopulationDraft,
    Register.CADRES: CadreDraft,
    Register.HOMES: WarmHomeDraft,
    Register.CONTACTS: ContactPointDraft,
    Register.VISITS: FieldVisitDraft,
    Register.ORGANISATIONS: OrganisationDraft,
    Register.OFFICERS: OfficerDraft,
}
# A draft field whose row field is named otherwise.
_ROW_FIELD = {"sort_order": "order"}

# What a text line shows of each register's row, after its id.
_COLUMNS: dict[Register, tuple[str, ...]] = {
    Register.TOWNSHIPS: ("order", "name", "kind"),
    Register.PLACES: ("township", "name", "kind", "low_income"),
    Register.POPULATION: ("township", "place", "kind", "year", "disabled_residents", "residents"),
    Register.CADRES: (
        "name",
        "post",
        "employment",
        "leadership",
        "disabled",
        "disability_category",
    ),
    Register.HOMES: ("township", "place", "name", "model", "opened_on"),
    Register.CONTACTS: ("member", "village", "community", "warm_home", "started_on"),
    Register.VISITS: ("visited_on", "member", "place", "location", "content"),
    Register.ORGANISATIONS: ("township", "kind", "name", "place", "founded_on"),
    Register.OFFICERS: (
        "organisation_id",
        "role",
        "name",
        "disabled",
        "relative",
        "committee_post",
    ),
}
_LABELS = {
    "order": "顺序",
    "name": "名称",
    "kind": "类型",
    "township": "街乡镇",
    "place": "村/社区",
    "low_income": "低收入村",
    "year": "年度",
    "disabled_residents": "残疾人口",
    "residents": "常住人口",
    "post": "职务",
    "employment": "用工形式",
    "leadership": "领导班子",
    "disabled": "残疾人",
    "disability_category": "残疾类别",
    "opened_on": "建成日期",
    "model": "示范",
    "member": "成员",
    "village": "联系村",
    "community": "联系社区",
    "warm_home": "温馨家园",
    "started_on": "开始日期",
    "visited_on": "走访日期",
    "location": "地点",
    "content": "内容",
    "founded_on": "成立日期",
    "organisation_id": "组织编号",
    "role": "职务",
    "relative": "亲友",
    "committee_post": "居（村）委会职务",
}


def _register(args: argparse.Namespace) -> Register:
    return Register(args.registers_register)


def row_json(row: RecordRow) -> dict[str, Any]:
    return dataclasses.asdict(row)


def _cell(value: object) -> str:
    if value is None:
        return "—"
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, date):
        return value.isoformat()
    return str(value.value if hasattr(value, "value") else value) or "—"


def _line(register: Register, row: RecordRow) -> str:
    cells = [_cell(getattr(row, column)) for column in _COLUMNS[register]]
    ended = getattr(row, "ended_on", None)
    tail = f"  （{ended.isoformat()} 结束）" if ended is not None else ""
    return f"{row.id:>5}  " + "  ".join(cells) + tail


def _say_row(register: Register, row: RecordRow, done: str) -> None:
    say(f"{done}{REGISTER_NAMES[register]}，编号 {row.id}，版本 {row.version}")
    for column in _COLUMNS[register]:
        say(f"  {_LABELS.get(column, column)}：{_cell(getattr(row, column))}")


# --- names or ids → ids ----------------------------------------------------------------------


def _records(db: Database, register: Register) -> list[Any]:
    return list_records(db, register=register, include_ended=True)


def _by_name(
    db: Database, register: Register, value: str, *, label: str, township_id: int | None = None
) -> int:
    text = value.strip()
    rows = _records(db, register)
    if text.isdigit():
        for row in rows:
            if row.id == int(text):
                return int(row.id)
    found = [r for r in rows if r.name == text]
    if township_id is not None and len(found) > 1:
        found = [r for r in found if getattr(r, "township_id", None) == township_id]
    if len(found) == 1:
        return int(found[0].id)
    if not found:
        raise DomainError("register_name_unknown", field=label, label=label, value=text)
    names = "、".join(
        f"{r.name}（{getattr(r, 'township', '')}，编号 {r.id}）"
        if hasattr(r, "township")
        else f"{r.name}（编号 {r.id}）"
        for r in found
    )
    raise DomainError("register_name_ambiguous", field=label, label=label, value=text, names=names)


def _person(db: Database, value: str) -> int:
    text = value.strip()
    people = registry(db)
    if text.isdigit() and any(p.person_id == int(text) for p in people):
        return int(text)
    found = [p for p in people if p.name == text]
    if len(found) == 1:
        return found[0].person_id
    if not found:
        where = "人员库中没有这个姓名或人员编号，请先在人员库中登记"
        raise DomainError("register_person_unknown", field="person", value=text, where=where)
    names = "、".join(
        f"{p.name}（人员编号 {p.person_id}{'，' + p.roles if p.roles else ''}）" for p in found
    )
    raise DomainError("register_person_ambiguous", field="person", value=text, names=names)


def _resolve(db: Database, kind: str, value: str, township_id: int | None) -> int | None:
    if not value.strip():
        return None  # an empty value clears an optional reference
    what = kind.removeprefix("ref:")
    if what == "person":
        return _person(db, value)
    register, label = {
        "township": (Register.TOWNSHIPS, "街乡镇"),
        "place": (Register.PLACES, "村或社区"),
        "home": (Register.HOMES, "温馨家园"),
        "organisation": (Register.ORGANISATIONS, "基层组织"),
    }[what]
    return _by_name(db, register, value, label=label, township_id=township_id)


def _given(db: Database, register: Register, args: argparse.Namespace) -> dict[str, Any]:
    """The draft fields given on the line, references resolved to ids."""
    _, fields = REGISTER_FIELDS[register.value]
    values: dict[str, Any] = {}
    # A township given with the place narrows a place name two townships share.
    for field, kind, _ in sorted(fields, key=lambda f: f[0] != "township_id"):
        value = getattr(args, field, None)
        if value is None:
            continue
        if isinstance(kind, str) and kind.startswith("ref:"):
            value = _resolve(db, kind, value, values.get("township_id"))
        values[field] = value
    return values


def _draft_of(register: Register, row: RecordRow, changes: dict[str, Any]) -> Any:
    draft = DRAFTS[register]
    stored = {
        f.name: getattr(row, _ROW_FIELD.get(f.name, f.name)) for f in dataclasses.fields(draft)
    }
    return draft(**{**stored, **changes})


# --- the actions -----------------------------------------------------------------------------


def run_list(db: Database, user: str, args: argparse.Namespace) -> int:
    register = _register(args)
    township = _resolve(db, "ref:township", args.township, None) if args.township else None
    person = _person(db, args.person) if args.person else None
    rows = list_records(
        db,
        register=register,
        include_ended=args.all,
        year=args.year,
        person_id=person,
        township_id=township,
    )
    if args.json:
        print_json({"register": register.value, "records": [row_json(r) for r in rows]})
        return 0
    name = REGISTER_NAMES[register]
    say("   编号  " + "  ".join(_LABELS.get(c, c) for c in _COLUMNS[register]))
    for row in rows:
        say(_line(register, row))
    say(f"{name}：共 {len(rows)} 条")
    return 0


def run_add(db: Database, user: str, args: argparse.Namespace) -> int:
    register = _register(args)
    draft = DRAFTS[register](**_given(db, register, args))
    row = add_record(db, user=user, draft=draft)
    return _done(register, row, args, "已登记")


def run_edit(db: Database, user: str, args: argparse.Namespace) -> int:
    register = _register(args)
    changes = _given(db, register, args)
    row = get_record(db, register=register, record_id=args.id)
    version = args.version if args.version is not None else row.version
    draft = _draft_of(register, row, changes)
    edited = edit_record(db, user=user, record_id=args.id, expected_version=version, draft=draft)
    return _done(register, edited, args, "已修改")


def run_end(db: Database, user: str, args: argparse.Namespace) -> int:
    register = _register(args)
    row = get_record(db, register=register, record_id=args.id)
    ended_on = args.ended_on or _today()
    version = args.version if args.version is not None else row.version
    ended = end_record(
        db,
        user=user,
        register=register,
        record_id=args.id,
        expected_version=version,
        ended_on=ended_on,
    )
    return _done(register, ended, args, f"已于 {ended_on.isoformat()} 结束")


def run_remove(db: Database, user: str, args: argparse.Namespace) -> int:
    register = _register(args)
    row = get_record(db, register=register, record_id=args.id)
    version = args.version if args.version is not None else row.version
    remove_record(db, user=user, register=register, record_id=args.id, expected_version=version)
    if args.json:
        print_json({"register": register.value, "removed": row_json(row)})
    else:
        say(f"已删除{REGISTER_NAMES[register]}，编号 {row.id}（操作记录中保留其内容）")
    return 0


def run_history(db: Database, user: str, args: argparse.Namespace) -> int:
    register = _register(args)
    entries = record_history(db, register=register, record_id=args.id)
    if args.json:
        print_json(
            {"register": register.value, "id": args.id, "entries": [entry_json(e) for e in entries]}
        )
        return 0
    for e in entries:
        at = e.at.astimezone(FEDERATION_TZ).strftime("%Y-%m-%d %H:%M:%S")
        say(f"{at}  {e.who}  {e.action_label}  {e.summary()}")
    say(f"{REGISTER_NAMES[register]}编号 {args.id}：共 {len(entries)} 条修改记录（最新的在前）")
    return 0


def _done(register: Register, row: RecordRow, args: argparse.Namespace, what: str) -> int:
    if args.json:
        print_json({"register": register.value, "record": row_json(row)})
    else:
        _say_row(register, row, what)
    return 0


def _today() -> date:
    from models.entities.base import utcnow

    return utcnow().astimezone(FEDERATION_TZ).date()
