"""`yishi check organisation`: the organisation rules on a database built without the demo, the
exit code (1 when an error-level rule fails), the JSON shape, and `check --body` still working."""

from __future__ import annotations

import contextlib
import io
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest
from sqlalchemy import select

from desktop.__main__ import main
from models.domain.meeting_vocabulary import FEDERATION_TZ, MeetingStatus
from models.domain.organisation_rules import RULE_IDS
from models.entities import Meeting
from models.entities.organisation import Cadre
from models.store.engine import create_database_engine
from models.store.unit_of_work import Database
from tests.test_services.test_organisation_check import YEAR, build

from .helpers import run_cli, sqlite_url

RESULT_KEYS = {
    "id",
    "level",
    "status",
    "count",
    "total",
    "required",
    "message",
    "name",
    "source",
    "wording",
    "shortfalls",
}
SHORTFALL_KEYS = {"subject", "register", "record_id", "detail", "person_id", "township_id"}


@pytest.fixture
def office(tmp_path: Path) -> str:
    """A database as `yishi db upgrade` leaves it: migrated, the rules file recorded, no demo."""
    url = sqlite_url(tmp_path / "office.sqlite3")
    with contextlib.redirect_stdout(io.StringIO()):
        assert main(["db", "upgrade", "--database", url]) == 0
    return url


@contextlib.contextmanager
def database(url: str) -> Iterator[Database]:
    engine = create_database_engine(url)
    try:
        yield Database(engine)
    finally:
        engine.dispose()


def check(capsys, url: str, *extra: str):  # type: ignore[no-untyped-def]
    return run_cli(capsys, "--database", url, "check", "organisation", "--year", str(YEAR), *extra)


def test_an_empty_office_fails_every_rule(capsys, office) -> None:
    result = check(capsys, office, "--json")
    assert result.code == 1, result.err
    payload = result.json()
    assert set(payload) == {"year", "as_of", "rules", "results"}
    assert (payload["year"], payload["as_of"], payload["rules"]) == (
        YEAR,
        f"{YEAR}-12-31",
        "mentougou-2019",
    )
    assert [r["id"] for r in payload["results"]] == list(RULE_IDS)
    for rule in payload["results"]:
        assert set(rule) == RESULT_KEYS
        assert rule["status"] in ("fail", "warn")
        assert rule["shortfalls"] and all(set(s) == SHORTFALL_KEYS for s in rule["shortfalls"])
    by_id = {r["id"]: r for r in payload["results"]}
    assert by_id["staff.disabled_share"]["level"] == "error"
    assert by_id["staff.disabled_share"]["required"] == 1
    assert by_id["presidium.yearly_review"]["status"] == "warn"
    assert by_id["contact.points"]["shortfalls"][0]["register"] == "members"

    text = check(capsys, office)
    assert text.code == 1
    assert text.out.startswith(f"{YEAR}年组织建设规则检查（截至{YEAR}年12月31日）")
    assert "✗ 未通过  staff.disabled_share（残疾人干部比例）：干部名册中没有在任的干部" in text.out
    assert "! 提醒  presidium.yearly_review" in text.out
    assert "      街乡镇：街乡镇名册为空" in text.out


def test_a_federation_meeting_the_rules_exits_0_and_a_warning_alone_too(capsys, office) -> None:
    with database(office) as db:
        built = build(db)
    result = check(capsys, office, "--json")
    assert result.code == 0, result.out
    assert {r["status"] for r in result.json()["results"]} == {"pass"}
    text = check(capsys, office)
    assert text.code == 0
    assert "✓ 通过  contact.days（现场调研、入户问需天数）" in text.out

    with database(office) as db, db.unit_of_work("clerk") as uow:
        uow.session.scalars(select(Meeting)).one().status = MeetingStatus.CANCELLED
        uow.commit()
    result = check(capsys, office, "--json")
    assert result.code == 0  # a failing warning-level rule does not fail the command
    warned = [r for r in result.json()["results"] if r["status"] != "pass"]
    assert [(r["id"], r["status"]) for r in warned] == [("presidium.yearly_review", "warn")]
    assert warned[0]["shortfalls"][0]["register"] == "meetings"

    with database(office) as db, db.unit_of_work("clerk") as uow:
        uow.session.delete(uow.session.get(Cadre, built.cadres["兼职干部"]))
        uow.commit()
    result = check(capsys, office, "--json")
    assert result.code == 1
    failed = [r["id"] for r in result.json()["results"] if r["status"] == "fail"]
    assert failed == ["staff.part_time"]


def test_both_forms_of_check_and_their_arguments(capsys, office) -> None:
    missing = run_cli(capsys, "--database", office, "check", "--json")
    assert missing.code == 2
    assert missing.error()["code"] == "bad_arguments"
    assert "--body" in missing.error()["message"]
    both = run_cli(
        capsys, "--database", office, "check", "organisation", "--body", "congress", "--json"
    )
    assert both.code == 2 and both.error()["code"] == "bad_arguments"
    year_for_slate = run_cli(
        capsys, "--database", office, "check", "--body", "congress", "--year", "2025"
    )
    assert year_for_slate.code == 2 and "--year" in year_for_slate.err
    wrong = run_cli(capsys, "--database", office, "check", "organisations")
    assert wrong.code == 2 and "organisation" in wrong.err
    bad = run_cli(capsys, "--database", office, "check", "organisation", "--year", "25", "--json")
    assert bad.code == 2 and bad.error()["code"] == "bad_arguments"
    assert "25" in bad.error()["message"]
    # The slate form is unchanged: a missing term is still its own error.
    slate = run_cli(capsys, "--database", office, "check", "--body", "congress", "--json")
    assert slate.code == 2
    assert "--body" not in slate.error()["message"]


def test_the_current_year_by_default(capsys, office) -> None:
    result = run_cli(capsys, "--database", office, "check", "organisation", "--json")
    assert result.code == 1
    assert result.json()["year"] == datetime.now(FEDERATION_TZ).year
