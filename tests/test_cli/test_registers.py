"""`yishi registers <register> list|add|edit|end|remove|history` through the real command line,
on a database built without the demo (migrated, then a small district entered through the
services)."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from desktop.cli.parser_registers import REGISTER_FIELDS, REMOVABLE, option_of
from models.services.organisation.contracts import DRAFT_REGISTER, ENDING_REGISTERS, Register
from models.store.unit_of_work import open_database
from tests.test_services._organisation import District, build_district

from .helpers import Result, query, run_cli, sqlite_url


@pytest.fixture
def office(tmp_path: Path, capsys) -> tuple[Path, District]:
    path = tmp_path / "office.sqlite3"
    assert run_cli(capsys, "--database", sqlite_url(path), "db", "upgrade").code == 0
    db = open_database(sqlite_url(path))
    try:
        district = build_district(db)
    finally:
        db.engine.dispose()
    return path, district


def yishi(capsys, path: Path, *argv: str) -> Result:
    return run_cli(capsys, "--database", sqlite_url(path), "--user", "clerk", *argv)


def ok(result: Result) -> Result:
    assert result.code == 0, result.err
    return result


def test_the_options_are_the_drafts_fields() -> None:
    """parser_registers.py writes the registers out (so --help stays quick): same as contracts."""
    assert set(REGISTER_FIELDS) == {r.value for r in Register}
    for draft, register in DRAFT_REGISTER.items():
        _, fields = REGISTER_FIELDS[register.value]
        assert [f for f, _, _ in fields] == [f.name for f in dataclasses.fields(draft)]
        required = {
            f.name
            for f in dataclasses.fields(draft)
            if f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING
        }
        assert {f for f, _, needed in fields if needed} == required, register
    assert {r.value for r in Register} - set(REMOVABLE) == {r.value for r in ENDING_REGISTERS}
    assert option_of("warm_home_id") == "--warm-home" and option_of("sort_order") == "--sort-order"


def test_townships_add_edit_end_and_history(capsys, office):
    path, _ = office
    added = ok(
        yishi(
            capsys,
            path,
            "registers",
            "townships",
            "add",
            "--name",
            "龙泉镇",
            "--kind",
            "乡镇",
            "--json",
        )
    ).json()
    record = added["record"]
    assert (added["register"], record["name"], record["kind"], record["order"]) == (
        "townships",
        "龙泉镇",
        "乡镇",
        3,
    )
    edited = ok(
        yishi(
            capsys,
            path,
            "registers",
            "townships",
            "edit",
            "--id",
            str(record["id"]),
            "--sort-order",
            "0",
            "--json",
        )
    ).json()["record"]
    assert (edited["name"], edited["order"], edited["version"]) == ("龙泉镇", 0, 2)
    listed = ok(yishi(capsys, path, "registers", "townships", "list", "--json")).json()
    assert [r["name"] for r in listed["records"]] == ["龙泉镇", "大峪街道", "王平镇"]
    ended = ok(
        yishi(
            capsys,
            path,
            "registers",
            "townships",
            "end",
            "--id",
            str(record["id"]),
            "--ended-on",
            "2026-01-01",
            "--json",
        )
    ).json()["record"]
    assert ended["ended_on"] == "2026-01-01"
    names = [
        r["name"]
        for r in ok(yishi(capsys, path, "registers", "townships", "list", "--json")).json()[
            "records"
        ]
    ]
    assert "龙泉镇" not in names
    everything = ok(yishi(capsys, path, "registers", "townships", "list", "--all", "--json")).json()
    assert "龙泉镇" in [r["name"] for r in everything["records"]]
    history = ok(
        yishi(
            capsys, path, "registers", "townships", "history", "--id", str(record["id"]), "--json"
        )
    ).json()
    assert [e["action"] for e in history["entries"]] == ["update", "update", "insert"]
    assert {e["kind"] for e in history["entries"]} == {"街乡镇·修改", "街乡镇·新增"}
    text = ok(yishi(capsys, path, "registers", "townships", "history", "--id", str(record["id"])))
    assert "修改" in text.out and "新增" in text.out and "共 3 条" in text.out
    listing = ok(yishi(capsys, path, "registers", "townships", "list"))
    assert "编号" in listing.out and "大峪街道" in listing.out and "共 2 条" in listing.out


def test_places_by_township_name_and_an_ambiguous_name(capsys, office):
    path, district = office
    ok(
        yishi(
            capsys,
            path,
            "registers",
            "places",
            "add",
            "--township",
            "大峪街道",
            "--name",
            "桥户营村",
            "--kind",
            "村",
        )
    )
    ambiguous = yishi(
        capsys,
        path,
        "registers",
        "population",
        "add",
        "--place",
        "桥户营村",
        "--year",
        "2026",
        "--residents",
        "5",
        "--json",
    )
    assert ambiguous.code == 2
    error = ambiguous.error()
    assert error["code"] == "bad_arguments"
    assert "大峪街道" in error["message"] and "王平镇" in error["message"]
    # By id it is plain.
    figures = ok(
        yishi(
            capsys,
            path,
            "registers",
            "population",
            "add",
            "--place",
            str(district.places["桥户营村"]),
            "--year",
            "2026",
            "--disabled-residents",
            "50",
            "--json",
        )
    ).json()["record"]
    assert (
        figures["place"],
        figures["township"],
        figures["kind"],
        figures["disabled_residents"],
    ) == ("桥户营村", "王平镇", "村", 50)
    listed = ok(
        yishi(
            capsys,
            path,
            "registers",
            "population",
            "list",
            "--year",
            "2026",
            "--township",
            "王平镇",
            "--json",
        )
    ).json()
    assert [r["id"] for r in listed["records"]] == [figures["id"]]
    removed = ok(
        yishi(
            capsys, path, "registers", "population", "remove", "--id", str(figures["id"]), "--json"
        )
    ).json()
    assert removed["removed"]["id"] == figures["id"]
    assert query(path, "SELECT count(*) FROM place_population") == [(0,)]
    unknown = yishi(
        capsys,
        path,
        "registers",
        "places",
        "add",
        "--township",
        "无此镇",
        "--name",
        "甲村",
        "--kind",
        "村",
    )
    assert unknown.code == 2 and "无此镇" in unknown.err


def test_cadres_with_their_flags_and_a_person(capsys, office):
    path, district = office
    cadre = ok(
        yishi(
            capsys,
            path,
            *("registers", "cadres", "add", "--name", "李理事长", "--employment", "专职"),
            *("--leadership", "--disabled", "--disability-category", "肢体"),
            *("--person", "李理事长", "--started-on", "2021-07-01", "--json"),
        )
    ).json()["record"]
    assert (
        cadre["employment"],
        cadre["leadership"],
        cadre["disabled"],
        cadre["disability_category"],
    ) == ("专职", True, True, "肢体")
    assert (cadre["person_id"], cadre["started_on"], cadre["ended_on"]) == (
        district.people["李理事长"],
        "2021-07-01",
        None,
    )
    edited = ok(
        yishi(
            capsys,
            path,
            "registers",
            "cadres",
            "edit",
            "--id",
            str(cadre["id"]),
            "--no-leadership",
            "--post",
            "副理事长",
            "--json",
        )
    ).json()["record"]
    assert (edited["leadership"], edited["post"], edited["disabled"], edited["person_id"]) == (
        False,
        "副理事长",
        True,
        district.people["李理事长"],
    )
    stale = yishi(
        capsys,
        path,
        "registers",
        "cadres",
        "edit",
        "--id",
        str(cadre["id"]),
        "--version",
        "1",
        "--post",
        "理事长",
        "--json",
    )
    assert stale.code == 2 and "clerk" in stale.error()["message"]
    refused = yishi(
        capsys,
        path,
        "registers",
        "cadres",
        "add",
        "--name",
        "甲",
        "--employment",
        "专职",
        "--disability-category",
        "视力",
    )
    assert refused.code == 2 and "残疾类别" in refused.err
    nobody = yishi(
        capsys,
        path,
        "registers",
        "cadres",
        "add",
        "--name",
        "甲",
        "--employment",
        "专职",
        "--person",
        "查无此人",
        "--json",
    )
    assert nobody.code == 2 and "查无此人" in nobody.error()["message"]
    bad = yishi(capsys, path, "registers", "cadres", "add", "--name", "甲", "--employment", "临时")
    assert bad.code == 2 and "临时" in bad.err
    text = ok(yishi(capsys, path, "registers", "cadres", "list"))
    assert "李理事长" in text.out and "副理事长" in text.out


def test_contacts_visits_organisations_and_officers(capsys, office):
    path, _ = office
    ok(
        yishi(
            capsys,
            path,
            "registers",
            "homes",
            "add",
            "--name",
            "桥户营村温馨家园",
            "--township",
            "王平镇",
            "--place",
            "桥户营村",
            "--model",
        )
    )
    point = ok(
        yishi(
            capsys,
            path,
            *("registers", "contacts", "add", "--person", "王理事", "--village", "桥户营村"),
            *("--community", "东辛房社区", "--warm-home", "桥户营村温馨家园", "--json"),
        )
    ).json()["record"]
    assert (point["member"], point["village"], point["community"], point["warm_home"]) == (
        "王理事",
        "桥户营村",
        "东辛房社区",
        "桥户营村温馨家园",
    )
    second = yishi(capsys, path, "registers", "contacts", "add", "--person", "王理事")
    assert second.code == 2 and "先结束" in second.err
    outsider = yishi(capsys, path, "registers", "contacts", "add", "--person", "孙群众", "--json")
    assert outsider.code == 2 and "孙群众" in outsider.error()["message"]
    for day in ("2026-03-02", "2026-03-02", "2026-04-01"):
        ok(
            yishi(
                capsys,
                path,
                "registers",
                "visits",
                "add",
                "--person",
                "王理事",
                "--visited-on",
                day,
                "--content",
                "入户问需",
            )
        )
    visits = ok(
        yishi(capsys, path, "registers", "visits", "list", "--person", "王理事", "--json")
    ).json()["records"]
    assert [v["visited_on"] for v in visits] == ["2026-04-01", "2026-03-02", "2026-03-02"]
    ok(yishi(capsys, path, "registers", "visits", "remove", "--id", str(visits[0]["id"])))
    # A visit is removed, not ended: there is no `end` for it.
    no_end = yishi(capsys, path, "registers", "visits", "end", "--id", str(visits[1]["id"]))
    assert no_end.code == 2
    association = ok(
        yishi(
            capsys,
            path,
            "registers",
            "organisations",
            "add",
            "--kind",
            "村残协",
            "--name",
            "桥户营村残协",
            "--township",
            "王平镇",
            "--place",
            "桥户营村",
            "--json",
        )
    ).json()["record"]
    chair = ok(
        yishi(
            capsys,
            path,
            "registers",
            "officers",
            "add",
            "--organisation",
            "桥户营村残协",
            "--role",
            "主席",
            "--name",
            "乙",
            "--committee-post",
            "副主任",
            "--json",
        )
    ).json()["record"]
    assert (chair["organisation_id"], chair["role"], chair["committee_post"]) == (
        association["id"],
        "主席",
        "副主任",
    )
    wrong = yishi(
        capsys,
        path,
        "registers",
        "officers",
        "add",
        "--organisation",
        "桥户营村残协",
        "--role",
        "理事长",
        "--name",
        "丙",
    )
    assert wrong.code == 2 and "理事长" in wrong.err
    shown = ok(yishi(capsys, path, "registers", "organisations", "list", "--json")).json()[
        "records"
    ]
    assert shown[0]["officers"][0]["name"] == "乙"
    ended = ok(yishi(capsys, path, "registers", "officers", "end", "--id", str(chair["id"])))
    assert "结束" in ended.out


def test_a_readonly_account_reads_but_does_not_write(capsys, office, monkeypatch):
    from models.domain.roles import Role
    from tests.test_services._accounts import add_account, require_sign_in

    path, _ = office
    db = open_database(sqlite_url(path))
    try:
        from models.services.accounts._passwords import hash_password

        add_account(db, "reader", Role.READONLY, password_hash=hash_password("Reader-2026!"))
        require_sign_in(db)
    finally:
        db.engine.dispose()
    monkeypatch.setenv("YISHI_PASSWORD", "Reader-2026!")
    listed = run_cli(
        capsys,
        "--database",
        sqlite_url(path),
        "--user",
        "reader",
        "registers",
        "places",
        "list",
        "--json",
    )
    assert listed.code == 0, listed.err
    refused = run_cli(
        capsys,
        "--database",
        sqlite_url(path),
        "--user",
        "reader",
        "registers",
        "townships",
        "add",
        "--name",
        "新镇",
        "--kind",
        "乡镇",
    )
    assert refused.code == 2 and "只读" in refused.err
    assert query(path, "SELECT count(*) FROM township WHERE name = '新镇'") == [(0,)]
