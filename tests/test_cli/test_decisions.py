"""`yishi decisions list`: the demo's register as text and JSON, --year, and refusals with exit 2."""

from __future__ import annotations

import re

from .helpers import run_cli, scalar

FIELDS = {
    "id",
    "year",
    "title",
    "category",
    "amount_yuan",
    "body",
    "state",
    "missing_steps",
    "recommended_missing",
    "result",
    "meeting",
    "meeting_date",
    "attendance",
}


def _listed(capsys, demo, *extra: str):
    result = run_cli(capsys, "--database", demo.url, "decisions", "list", *extra)
    assert result.code == 0, result.err
    return result


def test_the_demo_register_as_json(capsys, demo):
    decisions = _listed(capsys, demo, "--json").json()
    assert len(decisions) == scalar(demo.path, "SELECT count(*) FROM major_decision") == 9
    assert all(set(d) == FIELDS for d in decisions)
    assert {d["state"] for d in decisions} == {
        "draft",
        "ready",
        "decided",
        "deferred",
        "implementing",
        "done",
        "emergency",
        "reported",
    }
    assert {d["result"] for d in decisions} == {"通过", "未通过", None}
    assert {d["body"] for d in decisions} == {"council", "party_group"}
    cadre = next(d for d in decisions if d["category"] == "重要干部任免")
    assert (cadre["body"], cadre["state"], cadre["result"]) == ("party_group", "done", "通过")
    blocked = next(d for d in decisions if d["state"] == "draft")
    assert blocked["missing_steps"] == ["法律顾问审查", "社会稳定风险评估"]
    assert blocked["result"] is None and blocked["meeting_date"] is None
    funds = next(d for d in decisions if d["state"] == "implementing")
    assert funds["amount_yuan"] == 1_860_000 and funds["category"] == "大额度资金使用"
    assert funds["attendance"] == "应到15人，回避1人，按14人计，实到13人"
    dates = [d["meeting_date"] for d in decisions if d["meeting_date"]]
    assert dates and all(re.fullmatch(r"2026-\d{2}-\d{2}", day) for day in dates)


def test_the_register_as_text(capsys, demo):
    out = _listed(capsys, demo).out
    assert out.rstrip().endswith("共 9 项三重一大事项")
    blocked = next(line for line in out.splitlines() if "准备中" in line)
    assert "区残疾人托养服务中心建设项目  重大项目安排  执行理事会" in blocked
    assert "缺少程序：法律顾问审查、社会稳定风险评估" in blocked
    cadre = next(line for line in out.splitlines() if "重要干部任免" in line)
    assert "党组  已完成" in cadre and "表决结果：通过" in cadre


def test_year_filters(capsys, demo):
    assert len(_listed(capsys, demo, "--year", "2026", "--json").json()) == 9
    assert _listed(capsys, demo, "--year", "2025", "--json").json() == []
    assert "共 0 项三重一大事项" in _listed(capsys, demo, "--year", "2025").out


def test_bad_years_are_refused(capsys, demo):
    for year in ("abc", "1999"):
        result = run_cli(
            capsys, "--database", demo.url, "decisions", "list", "--year", year, "--json"
        )
        assert result.code == 2, year
        assert result.error()["code"] == "bad_arguments"
        assert year in result.error()["message"]
        assert result.err.startswith("yishi: ")
    missing = run_cli(capsys, "--database", demo.url, "decisions", "--json")
    assert missing.code == 2 and missing.error()["code"] == "bad_arguments"
