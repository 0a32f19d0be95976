"""`yishi setup`: the profile on first run and later, the rules file by id or path, refusals."""

from __future__ import annotations

from pathlib import Path

import pytest

from .helpers import query, run_cli, scalar, sqlite_url

RULES = Path(__file__).resolve().parents[2] / "resources" / "rules" / "mentougou-2019.toml"


@pytest.fixture
def empty(capsys, tmp_path: Path) -> Path:
    """A day-one database: `yishi db upgrade` on an empty file."""
    path = tmp_path / "office.sqlite3"
    assert run_cli(capsys, "--database", sqlite_url(path), "db", "upgrade").code == 0
    return path


def _settings(path: Path) -> dict[str, str]:
    return dict(query(path, "SELECT key, value FROM setting WHERE key LIKE 'profile.%'"))


def _setup(capsys, path: Path, *args: str):
    return run_cli(capsys, "--database", sqlite_url(path), "--user", "clerk", "setup", *args)


def test_first_run_needs_both_names_and_writes_nothing_without_them(capsys, empty):
    result = _setup(capsys, empty, "--short", "门残联", "--json")
    assert result.code == 2
    error = result.error()
    assert error["code"] == "bad_arguments"
    assert "--name" in error["message"] and "全称" in error["message"]
    assert "--name" in result.err
    assert _settings(empty) == {}


def test_first_run_then_a_repeat_updates_only_the_given_fields(capsys, empty):
    first = _setup(
        capsys,
        empty,
        "--name",
        "门头沟区残疾人联合会",
        "--short",
        "门残联",
        "--district",
        "门头沟区",
        "--postcode",
        "102300",
    )
    assert first.code == 0, first.err
    assert "门头沟区残疾人联合会" in first.out and "mentougou-2019" in first.out
    again = _setup(capsys, empty, "--telephone", "010-69841234", "--json")
    assert again.code == 0, again.err
    payload = again.json()
    assert payload["profile"] == {
        "full_name": "门头沟区残疾人联合会",
        "short_name": "门残联",
        "district": "门头沟区",
        "address": None,
        "postcode": "102300",
        "telephone": "010-69841234",
    }
    assert payload["rules"]["id"] == "mentougou-2019"
    assert payload["rules"]["origin"] == "shipped"
    assert _settings(empty)["profile.telephone"] == "010-69841234"
    assert (
        scalar(empty, "SELECT user_login FROM change_log WHERE entity_id = 'profile.telephone'")
        == "clerk"
    )


def test_a_bad_postcode_is_refused_with_a_chinese_message(capsys, empty):
    result = _setup(capsys, empty, "--name", "某区残联", "--short", "某残联", "--postcode", "12")
    assert result.code == 2
    assert "邮政编码" in result.err
    assert _settings(empty) == {}


def test_rules_from_a_path_replace_the_shipped_copy_and_are_logged(capsys, empty, tmp_path):
    newer = tmp_path / "mentougou-2026.toml"
    newer.write_text(RULES.read_text(encoding="utf-8"), encoding="utf-8")
    result = _setup(
        capsys, empty, "--name", "门头沟区残疾人联合会", "--short", "门残联", "--rules", str(newer)
    )
    assert result.code == 0, result.err
    assert scalar(empty, "SELECT value FROM setting WHERE key = 'rules.id'") == "mentougou-2026"
    assert scalar(empty, "SELECT value FROM setting WHERE key = 'rules.origin'") == str(
        newer.resolve()
    )
    note = scalar(empty, "SELECT note FROM change_log WHERE action = 'replace'")
    assert "mentougou-2019" in note and "mentougou-2026" in note
    back = _setup(capsys, empty, "--rules", "mentougou-2019", "--json")
    assert back.code == 0, back.err
    rules = back.json()["rules"]
    assert (rules["id"], rules["origin"]) == ("mentougou-2019", "shipped")


def test_a_rules_file_with_a_wrong_key_is_refused_naming_it_and_nothing_is_written(
    capsys, empty, tmp_path
):
    broken = tmp_path / "broken-2026.toml"
    broken.write_text(
        RULES.read_text(encoding="utf-8").replace('level = "error"', 'level = "fatal"', 1),
        encoding="utf-8",
    )
    log_before = scalar(empty, "SELECT count(*) FROM change_log")
    result = _setup(
        capsys,
        empty,
        "--name",
        "门头沟区残疾人联合会",
        "--short",
        "门残联",
        "--rules",
        str(broken),
        "--json",
    )
    assert result.code == 2
    error = result.error()
    assert error["code"] == "rules_invalid"
    assert error["key"].startswith("slates.") and error["key"].endswith(".level")
    assert error["key"] in error["message"]
    assert _settings(empty) == {}
    assert scalar(empty, "SELECT value FROM setting WHERE key = 'rules.id'") == "mentougou-2019"
    assert scalar(empty, "SELECT count(*) FROM change_log") == log_before


def test_an_unknown_shipped_rules_id_is_refused(capsys, empty):
    result = _setup(capsys, empty, "--name", "某区残联", "--short", "某残联", "--rules", "nowhere")
    assert result.code == 2
    assert "nowhere" in result.err
    assert _settings(empty) == {}


def test_the_demo_writes_a_profile_and_force_keeps_an_offices_own(capsys, demo):
    """The README's `yishi demo`: the demo has a profile, so the window opens straight in; a
    forced rebuild empties the data but keeps the profile a clerk typed."""
    assert _settings(demo.path)["profile.short_name"] == "门残联"
    assert _setup(capsys, demo.path, "--name", "某某区残疾人联合会").code == 0
    rebuilt = run_cli(capsys, "--database", demo.url, "demo", "--force")
    assert rebuilt.code == 0, rebuilt.err
    assert _settings(demo.path)["profile.full_name"] == "某某区残疾人联合会"
    again = run_cli(capsys, "--database", demo.url, "demo")
    assert again.code == 0 and "已有演示数据" in again.out
