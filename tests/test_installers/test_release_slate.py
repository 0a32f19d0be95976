"""The slate the Windows release workflow checks with the installed program: it must pass."""

from __future__ import annotations

from pathlib import Path

from tests.test_cli.slate_commands import checked_json

SLATE = Path(__file__).with_name("slate-passing.xlsx")  # write_slate(passing_rows())


def test_the_release_workflows_slate_passes_check_slate(capsys) -> None:
    code, payload = checked_json(capsys, SLATE)
    assert code == 0
    assert (payload["total"], payload["counted"]) == (10, 10)
    assert all(r["status"] != "fail" for r in payload["results"])
