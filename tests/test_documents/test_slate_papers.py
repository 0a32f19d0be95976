"""代表名单 and 代表构成情况统计表 written as PDF and DOCX from plain slate records."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from docx import Document

from models.documents.docx_writer import write_docx
from models.documents.papers.slate_papers import composition_paper, slate_list_paper
from models.documents.pdf_writer import write_pdf
from models.domain.composition_table import composition_table
from models.domain.identity import check_digit
from models.domain.slate import SlateRecord
from models.domain.vocabulary import DisabilityCategory, Gender
from tests.test_documents.conftest import pdf_text


def person(row: int, name: str, unit: str | None, **facts) -> SlateRecord:
    first17 = f"11010919800102{100 + row:03d}"
    return SlateRecord(
        row=row,
        name=name,
        gender=Gender.MALE,
        id_number=first17 + check_digit(first17),
        electoral_unit=unit,
        ethnicity="汉族",
        birth_date=date(1980, 1, 2),
        **facts,
    )


PEOPLE = [
    person(1, "王堃", "斋堂镇", category=DisabilityCategory.PHYSICAL),
    person(2, "李四", "大峪街道", relative_categories=(DisabilityCategory.PSYCHOSOCIAL,)),
    person(3, "赵五", None),
]


def test_slate_list_groups_by_unit_in_the_given_order_and_masks_ids(tmp_path: Path, fonts_dir):
    paper = slate_list_paper(
        "测试代表名单", PEOPLE, units=("大峪街道", "斋堂镇"), on=date(2026, 12, 22)
    )
    pdf = tmp_path / "slate.pdf"
    assert write_pdf(paper, pdf, fonts_dir=fonts_dir) == []
    text = "".join(pdf_text(pdf)).replace(" ", "")
    assert text.index("大峪街道") < text.index("斋堂镇") < text.index("特邀及其他")
    assert "王堃" in text and "亲友（精神）" in text
    assert PEOPLE[0].id_number not in text
    assert "110109********" in text


def test_a_public_slate_list_prints_no_id_numbers(tmp_path: Path, fonts_dir):
    paper = slate_list_paper("公示名单", PEOPLE, on=date(2026, 12, 22), public=True)
    docx = tmp_path / "public.docx"
    write_docx(paper, docx)
    cells = [c.text for t in Document(str(docx)).tables for row in t.rows for c in row.cells]
    assert "身份证号" not in cells
    assert not any("110109" in c for c in cells)
    pdf = tmp_path / "public.pdf"
    write_pdf(paper, pdf, fonts_dir=fonts_dir)
    assert "110109" not in "".join(pdf_text(pdf))


def test_composition_paper_prints_counts_and_shares(tmp_path: Path, fonts_dir):
    table = composition_table(PEOPLE, on=date(2026, 12, 22))
    pdf = tmp_path / "composition.pdf"
    write_pdf(composition_paper("测试构成统计表", table), pdf, fonts_dir=fonts_dir)
    text = "".join(pdf_text(pdf, "-layout"))
    assert "残疾人及亲友" in text and "66.7%" in text
    assert "2026年12月22日" in text.replace(" ", "")
