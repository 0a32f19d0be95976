"""`yishi check-slate`, `import slate` and `check` for the command-line tests: the JSON report's
keys, the rule ids in order, and the calls that run the commands."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from desktop.paths import resource_path

from .helpers import CJK, Result, run_cli

TOP_KEYS = {
    "body",
    "rules",
    "total",
    "counted",
    "excluded_rows",
    "results",
    "row_errors",
    "row_warnings",
    "previous_problems",
}
RESULT_KEYS = {"id", "level", "status", "count", "total", "required", "message"}
PROBLEM_KEYS = {"row", "column", "code", "message"}
CATEGORIES = ("blind", "deaf", "physical", "intellectual", "psychosocial")
CONGRESS_IDS = [
    "congress.disabled_or_relative_share",
    "congress.model_or_frontline_share",
    *(f"congress.category.{c}" for c in CATEGORIES),
    "congress.rural_share_trend",
    "congress.org_share_trend",
    "congress.volunteer_share_trend",
    *(f"congress.category_trend.{c}" for c in CATEGORIES),
]
PRESIDIUM_IDS = [
    "presidium.disabled_or_relative_share",
    "presidium.model_or_frontline_share",
    *(f"presidium.category.{c}" for c in CATEGORIES),
    *(f"presidium.category_trend.{c}" for c in CATEGORIES),
    "presidium.members_are_delegates",
]


def check_slate(capsys, path: Path, *extra: str, body: str = "congress") -> Result:
    return run_cli(capsys, "check-slate", str(path), "--body", body, *extra)


def checked_json(capsys, path: Path, *extra: str, body: str = "congress") -> tuple[int, Any]:
    result = check_slate(capsys, path, "--json", *extra, body=body)
    assert result.err == "", result.err
    return result.code, result.json()


def results_by_id(payload: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {r["id"]: r for r in payload["results"]}


def unusable(result: Result, code: str) -> str:
    """Exit 2: the error object on stdout, the same message on stderr; returns the message."""
    assert result.code == 2, (result.out, result.err)
    error = result.error()
    assert error["code"] == code, error
    assert error["message"] in result.err
    assert re.search(f"[{CJK}]", error["message"])
    return error["message"]


def import_slate(capsys, demo, path: Path, *extra: str, body: str = "congress") -> Result:
    return run_cli(
        capsys,
        "--database",
        demo.url,
        "--user",
        "clerk",
        "import",
        "slate",
        str(path),
        "--body",
        body,
        *extra,
    )


def rules_copy(tmp_path: Path, name: str, old: str, new: str) -> Path:
    """A copy of the shipped rules with `old` replaced by `new` once, as tmp_path/rules/name."""
    text = resource_path("rules", "mentougou-2019.toml").read_text(encoding="utf-8")
    assert old in text
    target = tmp_path / "rules" / name
    target.parent.mkdir(exist_ok=True)
    target.write_text(text.replace(old, new, 1), encoding="utf-8")
    return target
