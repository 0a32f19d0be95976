"""`yishi print reform-report --year YYYY -o FILE` on a database built without the demo: a current
congress imported and elected through the services, registers filled through `yishi registers`,
the report as PDF (text, chart, fonts
embedded) and DOCX (the chart as a picture), logged as a print; the refusals exit 2."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import docx
import pytest
from docx.shared import Emu

from models.documents.layout import PORTRAIT
from models.domain.messages import message
from models.services.terms.commands import make_current, record_election
from models.store.engine import create_database_engine
from models.store.unit_of_work import Database
from tests.test_documents.conftest import pdf_text, poppler

from .fresh_office import day_one_database
from .helpers import query, run_cli, sqlite_url
from .slate_files import passing_rows, write_slate


@pytest.fixture(scope="module")
def office(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Day one, then a 7th congress of ten imported, elected and made current (no demo)."""
    folder = tmp_path_factory.mktemp("reform")
    path = folder / "office.db"
    term = day_one_database(path)
    rows = passing_rows()
    rows[1]["残疾类别"] = "肢体"  # no deaf delegate: congress.category.deaf fails
    rows[1]["残疾人证号"] = rows[1]["残疾人证号"][:-2] + "42"
    rows[7]["残疾类别"] = "肢体"
    rows[7]["残疾人证号"] = rows[7]["残疾人证号"][:-2] + "42"
    slate = write_slate(folder / "slate.xlsx", rows)
    from desktop.__main__ import main

    argv = ["--database", sqlite_url(path), "import", "slate", str(slate), "--body", "congress"]
    code = main([*argv, "--create-units"])
    assert code == 0
    # the organisation registers, as a clerk fills them from the command line
    for line in (
        "townships add --name 大峪街道 --kind 街道",
        "townships add --name 斋堂镇 --kind 乡镇",
        "places add --township 大峪街道 --name 东社区 --kind 社区",
        "places add --township 斋堂镇 --name 东村 --kind 村 --low-income",
        "population add --place 东社区 --year 2026 --residents 7200",
        "population add --place 东村 --year 2026 --disabled-residents 50",
        "homes add --name 大峪温馨家园 --township 大峪街道 --place 东社区 --model",
        "cadres add --name 赵一 --employment 专职 --leadership --disabled --disability-category 肢体",
    ):
        assert main(["--database", sqlite_url(path), "registers", *line.split()]) == 0, line
    engine = create_database_engine(sqlite_url(path))
    try:
        db = Database(engine)
        record_election(
            db, user="setup", term_id=term.id, election_date=date(2021, 12, 1), all_elected=True
        )
        make_current(
            db,
            user="setup",
            term_id=term.id,
            expected_version=None,
            handover_date=date(2021, 12, 1),
        )
    finally:
        engine.dispose()
    return path


def _print(capsys, path: Path, *argv: str):
    return run_cli(capsys, "--database", sqlite_url(path), "print", "reform-report", *argv)


def _flat(path: Path) -> str:
    return re.sub(r"\s+", "", "".join(pdf_text(path)))


def test_the_report_as_pdf(capsys, office: Path, tmp_path: Path) -> None:
    out = tmp_path / "报告.pdf"
    result = _print(capsys, office, "--year", "2026", "-o", str(out))
    assert result.code == 0, result.err
    assert "已生成2026年改革方案落实情况报告（PDF）" in result.out
    flat = _flat(out)
    assert (
        "区残疾人联合会2026年改革方案落实情况报告" in flat or "2026年改革方案落实情况报告" in flat
    )
    for heading in ("一、代表大会和主席团构成", "三、联系点制度", "六、提案办理", "八、专门协会"):
        assert heading in flat
    assert "按第7届代表大会名单检查，共10人。" in flat
    assert "第7届代表大会各类别人数" in flat  # the chart's title, as text
    assert "未达标" in flat and "聋人（含言语残疾）" in flat
    assert "congress." not in flat and "category" not in flat  # no rule id on the paper
    # the registers' checks and the coverage chart: 斋堂镇 has neither its 示范 home nor 东村's
    assert "2026年温馨家园覆盖情况（按街乡镇）" in flat
    assert "1/1，示范1个" in flat and "0/1，示范0个" in flat
    assert "斋堂镇东村" in flat
    fonts = [line.split() for line in poppler("pdffonts", str(out)).splitlines()[2:]]
    assert fonts and all(row[-5] == "yes" for row in fonts)
    logged = query(
        office,
        "SELECT entity, entity_id, note FROM change_log WHERE action = 'print' ORDER BY id DESC",
    )[0]
    assert logged[:2] == ("paper", "reform-report")
    assert "改革方案落实情况报告" in logged[2]


def test_the_report_as_docx_has_the_chart_as_a_picture(
    capsys, office: Path, tmp_path: Path
) -> None:
    out = tmp_path / "report.docx"
    result = _print(capsys, office, "--year", "2026", "-o", str(out))
    assert result.code == 0, result.err
    document = docx.Document(str(out))
    shapes = document.inline_shapes
    assert len(shapes) == 2  # the congress's categories, the Warm Home coverage
    assert abs(shapes[0].width - Emu(round(PORTRAIT.text_width * 12700))) < 12700
    text = "".join(p.text for p in document.paragraphs)
    assert "一、代表大会和主席团构成" in text


def test_an_empty_database_prints_every_part(capsys, tmp_path: Path) -> None:
    path = tmp_path / "empty.db"
    day_one_database(path)
    out = tmp_path / "empty.pdf"
    result = _print(capsys, path, "--year", "2025", "-o", str(out))
    assert result.code == 0, result.err
    flat = _flat(out)
    assert "尚无现任代表大会，未检查其构成。" in flat
    assert "2025年没有登记三重一大事项。" in flat
    assert "五、温馨家园" in flat


def test_refusals_exit_2(capsys, office: Path, tmp_path: Path) -> None:
    missing = _print(capsys, office, "-o", str(tmp_path / "x.pdf"))
    assert missing.code == 2
    assert message("reform_report_year_missing", {}) in missing.err
    clash = _print(
        capsys, office, "--year", "2026", "--format", "docx", "-o", str(tmp_path / "x.pdf")
    )
    assert clash.code == 2 and "不一致" in clash.err
    foreign = _print(capsys, office, "--year", "2026", "--term", "7", "-o", str(tmp_path / "x.pdf"))
    assert foreign.code == 2 and "--term" in foreign.err
    bad_year = _print(capsys, office, "--year", "20260", "-o", str(tmp_path / "x.pdf"))
    assert bad_year.code == 2
    assert not (tmp_path / "x.pdf").exists()
