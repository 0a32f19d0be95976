"""The organisation registers from spreadsheets (yishi registers <register> import, 从 Excel 导入),
and their templates (yishi template <register>).

The reader (`models.importing.register_reader`) checks the cells; here the rows meet the
database: names become ids (街乡镇, 村/社区, the member of the 党组 or executive council, the
Warm Home, the organisation), rows already in a register are refused, and each row's drafts go
through the registers' own checks and record creation (`_registers.SPECS`, the same as
`commands.add_record`): a refusal becomes a row problem naming the row and its column. A preview
does all of it in a transaction it rolls back, so it finds exactly what the import would.

All-or-nothing unless `valid_only`: then each row is written or not as a whole (a savepoint per
row) and the rows with errors go to `<file>.rejected.xlsx` beside the input (DOMAIN §2, §8).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from models.domain.errors import DomainError, Level
from models.domain.organisation_vocabulary import (
    CommitteePost,
    OfficerRole,
    OrganisationKind,
    PlaceKind,
    TownshipKind,
)
from models.domain.slate import RowProblem
from models.domain.vocabulary import DisabilityCategory, Employment
from models.entities import (
    Cadre,
    FieldVisit,
    GrassrootsOrganisation,
    OrganisationOfficer,
    Person,
    Place,
    PlacePopulation,
    Township,
    WarmHome,
)
from models.entities.base import Versioned
from models.services.audit.records import record_file_written
from models.services.common.access import guarded
from models.services.organisation._members import contact_members_in
from models.services.organisation._registers import SPECS
from models.services.organisation.contracts import (
    DRAFT_REGISTER,
    CadreDraft,
    ContactPointDraft,
    FieldVisitDraft,
    MemberChoice,
    OfficerDraft,
    OrganisationDraft,
    PlaceDraft,
    PopulationDraft,
    RecordDraft,
    Register,
    TownshipDraft,
    WarmHomeDraft,
)
from models.services.slates.queries import file_limits_in_force
from models.store.engine import WRITER_OPTION
from models.store.unit_of_work import Database

if TYPE_CHECKING:  # the spreadsheet libraries load when a clerk imports, never at start-up
    from models.importing.register_reader import RegisterEntry, RegisterSheet

# The registers that have a sheet (the others are entered in their windows, or come along:
# townships and population with 村和社区, officers with 基层组织).
IMPORTABLE = (
    Register.CADRES,
    Register.PLACES,
    Register.HOMES,
    Register.CONTACTS,
    Register.VISITS,
    Register.ORGANISATIONS,
)
_PREVIEW_LOGIN = "（导入预览）"


@dataclass(frozen=True)
class RegisterImportOutcome:
    """What an import did; with row errors and no `valid_only`, nothing."""

    register: Register
    read: RegisterSheet  # the cells' problems and the database's
    imported: int  # rows written
    record_ids: tuple[int, ...]  # each written row's record (an officer's for 基层组织)
    rejected_file: Path | None


def importable(register: Register | str) -> Register:
    """The register, if it has a sheet; `register_import_unsupported` otherwise."""
    try:
        found = Register(register)
    except ValueError:
        found = None
    if found not in IMPORTABLE:
        raise DomainError(
            "register_import_unsupported",
            field="register",
            register=str(register),
            choices="、".join(r.value for r in IMPORTABLE),
        )
    assert found is not None
    return found


# --- the template ---------------------------------------------------------------------------


def register_template(db: Database, *, user: str, register: Register, path: Path) -> Path:
    """The register's sheet, its drop-downs offering the names the database holds: those names
    leave the database, so the file written is an entry of the 操作记录 (export)."""
    from models.importing.register_reader import register_spec
    from models.importing.register_template import write_register_template

    register = importable(register)
    lists = _template_lists(db, register)
    written = write_register_template(path, register=register.value, lists=lists)
    title = register_spec(register.value).title
    record_file_written(
        db,
        user=user,
        action="export",
        entity="paper",
        entity_id=f"{register.value}-template",
        path=written,
        note=f"生成{title}导入模板",
        details={"register": register.value, **{k: len(v) for k, v in lists.items()}},
    )
    return written


def _template_lists(db: Database, register: Register) -> dict[str, list[str]]:
    with db.session_factory() as session:
        townships = list(
            session.scalars(
                select(Township.name)
                .where(Township.ended_on.is_(None))
                .order_by(Township.sort_order, Township.id)
            )
        )
        places = session.execute(
            select(Place.name, Place.kind)
            .join(Township)
            .where(Place.ended_on.is_(None))
            .order_by(Township.sort_order, Place.name)
        ).all()
        homes = list(
            session.scalars(
                select(WarmHome.name).where(WarmHome.ended_on.is_(None)).order_by(WarmHome.name)
            )
        )
        members = [m.name for m in contact_members_in(session)]
    all_places = list(dict.fromkeys(name for name, _ in places))
    villages = [name for name, kind in places if kind is PlaceKind.VILLAGE]
    communities = [name for name, kind in places if kind is PlaceKind.COMMUNITY]
    lists: dict[Register, dict[str, list[str]]] = {
        Register.CADRES: {},
        Register.PLACES: {"街乡镇": townships},
        Register.HOMES: {"街乡镇": townships, "村/社区": all_places},
        Register.CONTACTS: {
            "姓名": members,
            "联系村": villages,
            "联系社区": communities,
            "联系温馨家园": homes,
        },
        Register.VISITS: {"姓名": members, "地点": all_places},
        Register.ORGANISATIONS: {"街乡镇": townships, "村/社区": all_places},
    }
    return lists[register]


# --- preview and import ---------------------------------------------------------------------


def preview_register(
    db: Database, *, register: Register, path: Path, isolated: bool = False
) -> RegisterSheet:
    """Read and check the file against the database; nothing is written. `isolated`: the
    reading happens in a child process (the window), so a hostile file ends the child only."""
    register = importable(register)
    read = _read(db, register, path, isolated=isolated)
    with _dry_run(db) as session:
        read, _ = _apply(session, register, read, valid_only=True)
    return read


@guarded("organisation.edit")
def import_register(
    db: Database, *, user: str, register: Register, path: Path, valid_only: bool = False
) -> RegisterImportOutcome:
    """Write the file's rows into the register; see the module's docstring."""
    from models.importing.rejected import write_rejected  # openpyxl: only on an import

    register = importable(register)
    read = _read(db, register, path)
    ids: list[int] = []
    with db.unit_of_work(user) as uow:
        read, ids = _apply(uow.session, register, read, valid_only=valid_only)
        if read.sheet.excluded_rows and not valid_only:
            return RegisterImportOutcome(register, read, 0, (), None)
        if ids:
            uow.commit()
    rejected = write_rejected(read.sheet, path) if read.sheet.excluded_rows else None
    return RegisterImportOutcome(register, read, len(ids), tuple(ids), rejected)


def _read(db: Database, register: Register, path: Path, *, isolated: bool = False) -> RegisterSheet:
    from models.importing.guard import using_limits
    from models.importing.register_reader import read_register

    limits = file_limits_in_force(db)
    if isolated:
        from models.importing.isolated import read_isolated

        return read_isolated(read_register, Path(path), limits=limits, register=register.value)
    with using_limits(limits):
        return read_register(Path(path), register=register.value)


@contextmanager
def _dry_run(db: Database) -> Iterator[Session]:
    """A session that may write (so the registers' checks see the rows before) and is always
    rolled back: it names no clerk, and nothing of it reaches the change log."""
    session = db.session_factory()
    session.info["user_login"] = _PREVIEW_LOGIN
    session.info["now"] = db.clock
    session.info["user_id"] = None
    try:
        session.connection(execution_options={WRITER_OPTION: True})
        yield session
    finally:
        session.rollback()
        session.close()


def _apply(
    session: Session, register: Register, read: RegisterSheet, *, valid_only: bool
) -> tuple[RegisterSheet, list[int]]:
    """Each good row written in a savepoint of its own (rolled back when the row is refused);
    the sheet with the refusals as row problems, and the records written."""
    from models.importing.register_reader import with_problems

    writer = _Writer(session, register)
    problems: list[RowProblem] = []
    ids: list[int] = []
    for entry in read.entries:
        savepoint = session.begin_nested()
        try:
            record_id = writer.row(entry)
        except _Refused as refused:
            savepoint.rollback()
            problems.append(refused.problem(entry.row))
            continue
        savepoint.commit()
        ids.append(record_id)
    return with_problems(read, problems), ids


class _Refused(Exception):
    def __init__(self, column: str, code: str, **params: Any) -> None:
        super().__init__(code)
        self.column, self.code, self.params = column, code, params

    def problem(self, row: int) -> RowProblem:
        params = {"column": self.column, "label": self.column, **self.params}
        return RowProblem(row, self.column, self.code, Level.ERROR, params)


# A draft's field → the sheet's column that holds it, for the registers' refusals.
_COLUMNS: dict[Register, dict[str, str]] = {
    Register.CADRES: {
        "name": "姓名",
        "person_id": "姓名",
        "employment": "任职方式",
        "post": "职务",
        "leadership": "领导班子成员",
        "disabled": "是否残疾人",
        "disability_category": "残疾类别",
        "home_unit": "派出单位",
        "started_on": "任职日期",
        "ended_on": "离任日期",
        "note": "备注",
    },
    Register.PLACES: {
        "township_id": "街乡镇",
        "name": "名称",
        "place_id": "名称",
        "kind": "类别",
        "low_income": "低收入村",
        "year": "年度",
        "disabled_residents": "残疾人口",
        "residents": "常住人口",
    },
    Register.HOMES: {
        "name": "温馨家园名称",
        "township_id": "街乡镇",
        "place_id": "村/社区",
        "model": "示范温馨家园",
        "opened_on": "开办日期",
    },
    Register.CONTACTS: {
        "person_id": "姓名",
        "village_id": "联系村",
        "community_id": "联系社区",
        "warm_home_id": "联系温馨家园",
        "started_on": "开始日期",
    },
    Register.VISITS: {
        "person_id": "姓名",
        "visited_on": "日期",
        "place_id": "地点",
        "location": "地点",
        "content": "内容",
    },
    Register.ORGANISATIONS: {
        "kind": "类别",
        "name": "组织名称",
        "organisation_id": "组织名称",
        "township_id": "街乡镇",
        "place_id": "村/社区",
        "founded_on": "组织名称",
        "role": "职务",
        "committee_post": "居（村）委会职务",
        "selection": "选聘方式",
        "disabled": "是否残疾人",
        "relative": "是否亲友",
    },
}
_FIRST_COLUMN = {
    Register.CADRES: "姓名",
    Register.PLACES: "名称",
    Register.HOMES: "温馨家园名称",
    Register.CONTACTS: "姓名",
    Register.VISITS: "姓名",
    Register.ORGANISATIONS: "组织名称",
}


class _Writer:
    """One register's rows → drafts → records, in the import's session."""

    def __init__(self, session: Session, register: Register) -> None:
        self.session = session
        self.register = register
        self._members: list[MemberChoice] | None = None
        rows: dict[Register, Callable[[RegisterEntry], int]] = {
            Register.CADRES: self._cadre,
            Register.PLACES: self._place,
            Register.HOMES: self._home,
            Register.CONTACTS: self._contact,
            Register.VISITS: self._visit,
            Register.ORGANISATIONS: self._officer,
        }
        self.row = rows[register]

    # --- the registers' own checks and record creation --------------------------------------

    def add(self, draft: RecordDraft) -> Versioned:
        """`commands.add_record`'s steps in this session: the draft checked into values, the
        record added and flushed; a refusal names the row's column."""
        spec = SPECS[_register_of(draft)]
        try:
            values = spec.values(self.session, draft, None)
            record: Versioned = spec.entity(**values)
            self.session.add(record)
            self.session.flush()
        except DomainError as exc:
            raise self._refusal(exc) from None
        except IntegrityError:  # another clerk saved the same name a moment ago
            raise _Refused(_FIRST_COLUMN[self.register], "database_conflict") from None
        return record

    def edit(self, record: Versioned, draft: RecordDraft) -> Versioned:
        spec = SPECS[_register_of(draft)]
        try:
            values = spec.values(self.session, draft, record)
            for column, value in values.items():
                setattr(record, column, value)
            self.session.flush()
        except DomainError as exc:
            raise self._refusal(exc) from None
        return record

    def _refusal(self, exc: DomainError) -> _Refused:
        columns = _COLUMNS[self.register]
        column = columns.get(exc.field or "", _FIRST_COLUMN[self.register])
        return _Refused(column, exc.code, **exc.params)

    # --- names → records ---------------------------------------------------------------------

    def township(self, name: str) -> Township | None:
        return self.session.scalars(select(Township).where(Township.name == name)).first()

    def known_township(self, name: str) -> Township:
        found = self.township(name)
        if found is None:
            raise _Refused("街乡镇", "register_township_unknown", value=name)
        return found

    def place_in(self, township: Township, name: str) -> Place | None:
        query = select(Place).where(Place.township_id == township.id, Place.name == name)
        return self.session.scalars(query).first()

    def place_named(self, column: str, text: str, kind: PlaceKind | None) -> Place | None:
        """A place by its name, or by 街乡镇/名称 when the name is shared; None when none."""
        township_name, _, name = text.rpartition("/")
        query = select(Place).join(Township).where(Place.name == (name.strip() or text))
        if township_name.strip():
            query = query.where(Township.name == township_name.strip())
        if kind is not None:
            query = query.where(Place.kind == kind)
        found = list(self.session.scalars(query.order_by(Place.id)))
        if len(found) > 1:
            names = "、".join(f"{p.township.name}/{p.name}" for p in found)
            what = kind.value if kind is not None else "村或社区"
            raise _Refused(column, "register_place_ambiguous", value=text, kind=what, names=names)
        return found[0] if found else None

    def member(self, name: str, *, former: bool = False) -> MemberChoice:
        """A current member of the 党组 or the executive council by name or 人员编号; with
        `former`, also someone of the person registry who is no longer one (a visit made
        before he left: the visits' own check asks whether he sat in the visit's year)."""
        if self._members is None:
            self._members = contact_members_in(self.session)
        if name.isdigit():
            by_id = [m for m in self._members if m.person_id == int(name)]
            if by_id:
                return by_id[0]
        found = [m for m in self._members if m.name == name]
        if not found and former:
            query = select(Person.id, Person.name).where(Person.name == name)
            if name.isdigit():
                query = select(Person.id, Person.name).where(Person.id == int(name))
            found = [
                MemberChoice(person_id=pid, name=person, bodies="")
                for pid, person in self.session.execute(query.order_by(Person.id))
            ]
        if len(found) > 1:
            ids = "、".join(str(m.person_id) for m in found)
            raise _Refused("姓名", "register_member_ambiguous", value=name, ids=ids)
        if not found:
            raise _Refused("姓名", "register_member_unknown", value=name)
        return found[0]

    # --- one function per register -----------------------------------------------------------

    def _cadre(self, entry: RegisterEntry) -> int:
        name, started = entry["姓名"], entry["任职日期"]
        same = select(Cadre.id).where(Cadre.name == name, _same(Cadre.started_on, started))
        if self.session.scalar(same.limit(1)) is not None:
            what = f"干部{name}" + (f"（任职日期 {started.isoformat()}）" if started else "")
            raise _Refused("姓名", "register_already_registered", what=what, register="干部名册")
        category = entry["残疾类别"]
        draft = CadreDraft(
            name=name,
            employment=Employment(entry["任职方式"]),
            post=entry["职务"] or "",
            leadership=entry["领导班子成员"],
            disabled=entry["是否残疾人"] or category is not None,
            disability_category=DisabilityCategory(category) if category else None,
            home_unit=entry["派出单位"],
            started_on=started,
            ended_on=entry["离任日期"],
            note=entry["备注"],
        )
        return self.add(draft).id  # type: ignore[attr-defined, no-any-return]

    def _place(self, entry: RegisterEntry) -> int:
        township_name = entry["街乡镇"]
        township = self.township(township_name)
        if township is None:
            township_type = township_kind(township_name)
            if township_type is None:
                raise _Refused("街乡镇", "register_township_kind_unknown", value=township_name)
            created = self.add(TownshipDraft(name=township_name, kind=township_type))
            assert isinstance(created, Township)
            township = created
        kind = PlaceKind(entry["类别"])
        low_income = bool(entry["低收入村"])
        draft = PlaceDraft(
            township_id=township.id, name=entry["名称"], kind=kind, low_income=low_income
        )
        place = self.place_in(township, entry["名称"])
        if place is None:
            created_place = self.add(draft)
            assert isinstance(created_place, Place)
            place = created_place
        elif place.kind is not kind:
            raise _Refused(
                "类别",
                "register_place_kind_differs",
                township=township.name,
                value=place.name,
                registered=place.kind.value,
                kind=kind.value,
            )
        elif entry["低收入村"] is not None and place.low_income != low_income:
            # A blank cell keeps what the register says: only a 是 or 否 changes it.
            self.edit(place, draft)
        year = entry["年度"]
        if year is not None:
            figures = PopulationDraft(
                place_id=place.id,
                year=year,
                disabled_residents=entry["残疾人口"],
                residents=entry["常住人口"],
            )
            query = select(PlacePopulation).where(
                PlacePopulation.place_id == place.id, PlacePopulation.year == year
            )
            existing = self.session.scalars(query).first()
            if existing is not None:
                # A blank figure keeps the one registered for the year; a given one replaces it.
                figures = replace(
                    figures,
                    disabled_residents=_given(entry["残疾人口"], existing.disabled_residents),
                    residents=_given(entry["常住人口"], existing.residents),
                )
            if existing is None:
                self.add(figures)
            elif (existing.disabled_residents, existing.residents) != (
                figures.disabled_residents,
                figures.residents,
            ):
                self.edit(existing, figures)
        return place.id

    def _home(self, entry: RegisterEntry) -> int:
        township = self.known_township(entry["街乡镇"])
        place_id = None
        if entry["村/社区"] is not None:
            place = self.place_in(township, entry["村/社区"])
            if place is None:
                raise _Refused(
                    "村/社区",
                    "register_place_unknown",
                    township=township.name,
                    value=entry["村/社区"],
                    kind="村或社区",
                )
            place_id = place.id
        draft = WarmHomeDraft(
            name=entry["温馨家园名称"],
            township_id=township.id,
            place_id=place_id,
            model=entry["示范温馨家园"],
            opened_on=entry["开办日期"],
        )
        return self.add(draft).id  # type: ignore[attr-defined, no-any-return]

    def _contact(self, entry: RegisterEntry) -> int:
        member = self.member(entry["姓名"])
        ids: dict[str, int | None] = {}
        for column, kind in (("联系村", PlaceKind.VILLAGE), ("联系社区", PlaceKind.COMMUNITY)):
            text = entry[column]
            place = None if text is None else self.place_named(column, text, kind)
            if text is not None and place is None:
                raise _Refused(
                    column,
                    "register_place_unknown",
                    township="村和社区名册中",
                    value=text,
                    kind=kind.value,
                )
            ids[column] = place.id if place is not None else None
        home_id = None
        if entry["联系温馨家园"] is not None:
            home = self.session.scalars(
                select(WarmHome).where(WarmHome.name == entry["联系温馨家园"])
            ).first()
            if home is None:
                raise _Refused("联系温馨家园", "register_home_unknown", value=entry["联系温馨家园"])
            home_id = home.id
        draft = ContactPointDraft(
            person_id=member.person_id,
            village_id=ids["联系村"],
            community_id=ids["联系社区"],
            warm_home_id=home_id,
            started_on=entry["开始日期"],
        )
        return self.add(draft).id  # type: ignore[attr-defined, no-any-return]

    def _visit(self, entry: RegisterEntry) -> int:
        member = self.member(entry["姓名"], former=True)
        location = entry["地点"] or ""
        content = entry["内容"] or ""
        same = select(FieldVisit.id).where(
            FieldVisit.person_id == member.person_id,
            FieldVisit.visited_on == entry["日期"],
            FieldVisit.location == location,
            FieldVisit.content == content,
        )
        if self.session.scalar(same.limit(1)) is not None:
            what = f"{member.name} {entry['日期'].isoformat()} 的这次走访"
            raise _Refused("姓名", "register_already_registered", what=what, register="走访记录")
        place = None
        if location:
            try:
                place = self.place_named("地点", location, None)
            except _Refused:
                place = None  # a name several places share is kept as the clerk wrote it
        draft = FieldVisitDraft(
            person_id=member.person_id,
            visited_on=entry["日期"],
            place_id=place.id if place is not None else None,
            location=location,
            content=content,
        )
        return self.add(draft).id  # type: ignore[attr-defined, no-any-return]

    def _officer(self, entry: RegisterEntry) -> int:
        name, kind = entry["组织名称"], OrganisationKind(entry["类别"])
        township = self.known_township(entry["街乡镇"])
        place = None
        if entry["村/社区"] is not None:
            place = self.place_in(township, entry["村/社区"])
            if place is None:
                raise _Refused(
                    "村/社区",
                    "register_place_unknown",
                    township=township.name,
                    value=entry["村/社区"],
                    kind="村或社区",
                )
        organisation = self.session.scalars(
            select(GrassrootsOrganisation).where(GrassrootsOrganisation.name == name)
        ).first()
        if organisation is None:
            created = self.add(
                OrganisationDraft(
                    kind=kind,
                    name=name,
                    township_id=township.id,
                    place_id=place.id if place is not None else None,
                )
            )
            assert isinstance(created, GrassrootsOrganisation)
            organisation = created
        else:
            _same_organisation(organisation, kind, township, place)
        role = OfficerRole(entry["职务"])
        same = select(OrganisationOfficer.id).where(
            OrganisationOfficer.organisation_id == organisation.id,
            OrganisationOfficer.role == role,
            OrganisationOfficer.name == entry["姓名"],
            OrganisationOfficer.ended_on.is_(None),
        )
        if self.session.scalar(same.limit(1)) is not None:
            what = f"{name}的{role.value}{entry['姓名']}"
            raise _Refused("姓名", "register_already_registered", what=what, register="基层组织")
        post = entry["居（村）委会职务"]
        draft = OfficerDraft(
            organisation_id=organisation.id,
            role=role,
            name=entry["姓名"],
            disabled=entry["是否残疾人"],
            relative=entry["是否亲友"],
            committee_post=CommitteePost(post) if post else None,
            selection=entry["选聘方式"],
        )
        return self.add(draft).id  # type: ignore[attr-defined, no-any-return]


def township_kind(name: str) -> TownshipKind | None:
    """街道 or 乡镇 as the name says it (大峪街道, 斋堂镇, 清水乡); None when it does not."""
    if name.endswith("街道"):
        return TownshipKind.STREET
    if name.endswith(("镇", "乡")):
        return TownshipKind.TOWN
    return None


def _same(column: Any, value: Any) -> Any:
    return column.is_(None) if value is None else column == value


def _same_organisation(
    organisation: GrassrootsOrganisation,
    kind: OrganisationKind,
    township: Township,
    place: Place | None,
) -> None:
    """An organisation the register holds: the row must describe the same one."""
    checks: tuple[tuple[str, str, str], ...] = (
        ("类别", organisation.kind.value, kind.value),
        ("街乡镇", organisation.township.name, township.name),
        (
            "村/社区",
            organisation.place.name if organisation.place is not None else "（无）",
            place.name if place is not None else "（无）",
        ),
    )
    for column, registered, value in checks:
        if registered != value:
            raise _Refused(
                column,
                "register_organisation_differs",
                name=organisation.name,
                registered=registered,
                value=value,
            )


def _register_of(draft: RecordDraft) -> Register:
    return DRAFT_REGISTER[type(draft)]


def _given(value: int | None, registered: int | None) -> int | None:
    return registered if value is None else value
