"""会议纪要, 签到表 and 专门协会列席情况统计表 built from plain data, read back from PDF and DOCX."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from datetime import date, time
from pathlib import Path

import docx
import pytest

from models.documents.docx_writer import write_docx
from models.documents.paper import LabelledLine, Table, texts
from models.documents.papers.association_attendance import (
    AssociationAttendanceData,
    AssociationYear,
    CouncilMeeting,
    Mark,
    association_attendance_paper,
)
from models.documents.papers.minutes import (
    Amendment,
    Attendee,
    MinutesData,
    Section,
    attendance_lines,
    minutes_paper,
)
from models.documents.papers.signin import SigninData, SigninLine, signin_paper
from models.documents.pdf_writer import write_pdf
from models.domain.meeting_vocabulary import AttendanceStatus, HeadPresence
from tests.test_documents.conftest import FONTS_DIR, pdf_text, poppler

P, L, A, X = (
    AttendanceStatus.PRESENT,
    AttendanceStatus.LEAVE,
    AttendanceStatus.ABSENT,
    AttendanceStatus.ATTENDING,
)
ATTENDANCE = (
    Attendee("崔振华", P, post="理事长"),
    Attendee("罗志强", P, post="副理事长"),
    Attendee("王堃", P, post="理事"),
    Attendee("上官艳", L, post="理事", leave_reason="因病请假"),
    Attendee("周伟", A, post="理事"),
    Attendee("许俊", X, member=False, post="盲人协会主席"),
    Attendee(
        "萧雅琴",
        L,
        member=False,
        post="智力残疾人及亲友协会主席",
        leave_reason="外出参加市级协会培训",
        substitute="余金山（副主席）",
    ),
    Attendee("秦强", A, member=False, post="精神残疾人及亲友协会主席"),
    Attendee("郝立新", X, member=False, post="区财政局社会保障科科长"),
)
SECTIONS = (
    Section(
        "2025年上半年预算执行情况",
        "财务科报告了上半年预算执行情况，执行率为48.5%。",
        "会议要求加快残疾人辅助器具适配和居家托养服务项目的支出进度。",
    ),
    Section("主席团委员提案办理进展情况", "会议听取了提案承办单位的办理进展。", "会议同意。"),
)
AMENDMENT = Amendment(
    day=date(2025, 10, 8),
    by="赵晓雯",
    part="第1项议题“2025年上半年预算执行情况”的决定事项",
    reason="原纪要漏记居家托养服务项目，经会议主持人核对后补正",
    before="会议要求加快残疾人辅助器具适配项目的支出进度。",
    after="会议要求加快残疾人辅助器具适配和居家托养服务项目的支出进度。",
)
DATA = MinutesData(
    organisation="门头沟区残疾人联合会",
    meeting="第七届执行理事会第十次会议",
    meeting_date=date(2026, 3, 5),
    start=time(9, 30),
    place="区残联三楼会议室",
    host="崔振华",
    recorder="赵晓雯",
    sections=SECTIONS,
    attendance=ATTENDANCE,
    final=True,
    amendments=(AMENDMENT,),
    doc_number="〔2026〕1号",
    quorum="应到5人，实到3人，超过半数，符合开会要求",
)
TITLE = "门头沟区残疾人联合会第七届执行理事会第十次会议纪要"


def _flat(text: str) -> str:
    return re.sub(r"\s+", "", text)


@pytest.fixture(scope="module")
def minutes_files(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, list]:
    folder = tmp_path_factory.mktemp("minutes")
    paper = minutes_paper(DATA)
    pdf, docx_path = folder / "minutes.pdf", folder / "minutes.docx"
    warnings = write_pdf(paper, pdf, fonts_dir=FONTS_DIR)
    write_docx(paper, docx_path)
    return pdf, docx_path, warnings


def test_attendance_lines_after_the_body():
    lines = dict(attendance_lines(ATTENDANCE))
    assert list(lines) == ["出席：", "请假：", "缺席：", "列席："]
    assert lines["出席："] == "崔振华、罗志强、王堃"
    assert lines["请假："] == "上官艳（因病请假）、萧雅琴（外出参加市级协会培训）"
    assert lines["缺席："] == "周伟"  # an invited non-member who did not come is not 缺席
    # the substitute stands where the head would have: the associations keep their order
    assert lines["列席："] == (
        "许俊（盲人协会主席）、余金山（副主席，代萧雅琴列席）、郝立新（区财政局社会保障科科长）"
    )
    substitute = Attendee("李四", L, leave_reason="出差", substitute="张三")
    assert dict(attendance_lines([substitute]))["列席："] == "张三（代李四列席）"


def test_the_minutes_paper_has_header_sections_attendance_and_amendments():
    paper = minutes_paper(DATA)
    assert paper.title == TITLE and paper.doc_number == "〔2026〕1号"
    opening = paper.blocks[0].text
    assert opening.startswith(
        "2026年3月5日9时30分，第七届执行理事会第十次会议在区残联三楼会议室召开。"
    )
    assert "会议由崔振华主持，赵晓雯记录。" in opening and "会议研究了两项议题" in opening
    headings = [b.text for b in paper.blocks if type(b).__name__ == "Heading"]
    assert headings == [
        "一、2025年上半年预算执行情况",
        "二、主席团委员提案办理进展情况",
        "修正记录",
    ]
    labels = [b.label for b in paper.blocks if isinstance(b, LabelledLine)]
    assert labels == ["出席：", "请假：", "缺席：", "列席："]


def test_draft_minutes_say_so_and_show_no_amendments():
    draft = minutes_paper(
        MinutesData(
            organisation="门头沟区残疾人联合会",
            meeting="2026年第3次党组会议",
            meeting_date=date(2026, 9, 10),
            sections=(Section("传达学习区委全会精神"),),
            final=False,
            amendments=(AMENDMENT,),
        )
    )
    assert draft.title == "门头沟区残疾人联合会2026年第3次党组会议纪要（草稿）"
    flat = "".join(texts(draft))
    assert "修正记录" not in flat and "（本项尚未记录。）" in flat
    assert not any(isinstance(b, LabelledLine) for b in draft.blocks)  # no attendance yet


def test_minutes_pdf_reads_back(minutes_files):
    pdf, _, warnings = minutes_files
    assert warnings == []
    pages = pdf_text(pdf)
    flat = _flat("".join(pages))
    assert TITLE in flat and "〔2026〕1号" in flat
    assert "出席：崔振华、罗志强、王堃" in flat
    assert "请假：上官艳（因病请假）、萧雅琴（外出参加市级协会培训）" in flat
    assert "列席：许俊（盲人协会主席）" in flat and "余金山（副主席，代萧雅琴列席）" in flat
    assert flat.index("会议同意。") < flat.index("出席：") < flat.index("修正记录")
    # the amendment on reprint: when, who, what was there before, and why
    assert "2025年10月8日，赵晓雯修正第1项议题" in flat
    assert "原为“会议要求加快残疾人辅助器具适配项目的支出进度”" in flat
    assert "修正理由：原纪要漏记居家托养服务项目，经会议主持人核对后补正。" in flat
    assert "— 1 —" in pages[0]


def test_minutes_pdf_embeds_every_font(minutes_files):
    rows = [line.split() for line in poppler("pdffonts", str(minutes_files[0])).splitlines()[2:]]
    assert rows and all(row[-5] == "yes" for row in rows)


def test_minutes_docx_has_the_same_texts(minutes_files):
    _, docx_path, _ = minutes_files
    document = docx.Document(str(docx_path))
    # a list of names carries its own line breaks (names kept whole)
    text = "\n".join(p.text.replace("\n", "") for p in document.paragraphs)
    for piece in texts(minutes_paper(DATA)):
        assert piece in text, piece
    assert "出席：崔振华、罗志强、王堃" in text


def test_signin_sheet_lists_members_and_attendees_apart(tmp_path: Path):
    data = SigninData(
        organisation="门头沟区残疾人联合会",
        meeting="第七届执行理事会第九次会议",
        meeting_date=date(2025, 3, 6),
        start=time(9, 30),
        place="区残联三楼会议室",
        lines=(
            SigninLine("崔振华", "理事长"),
            SigninLine("上官艳", "理事", on_leave=True),
            SigninLine("许俊", "盲人协会主席", member=False),
            SigninLine("余金山", "副主席，代萧雅琴列席", member=False),
        ),
    )
    paper = signin_paper(data)
    assert paper.title == "门头沟区残疾人联合会第七届执行理事会第九次会议签到表"
    tables = [b for b in paper.blocks if isinstance(b, Table)]
    assert [t.headers for t in tables] == [
        ("序号", "姓名", "职务", "签到"),
        ("序号", "姓名", "单位及职务", "签到"),
    ]
    assert tables[0].rows == (("1", "崔振华", "理事长", ""), ("2", "上官艳", "理事", "请假"))
    assert [r[1] for r in tables[1].rows] == ["许俊", "余金山"]
    assert all(t.font_size == 16 for t in tables)  # rows tall enough to sign in
    pdf, docx_path = tmp_path / "signin.pdf", tmp_path / "signin.docx"
    assert write_pdf(paper, pdf, fonts_dir=FONTS_DIR) == []
    flat = _flat("".join(pdf_text(pdf)))
    assert "一、成员（2人）" in flat and "二、列席（2人）" in flat
    assert "时间：2025年3月6日9时30分" in flat
    write_docx(paper, docx_path)
    document = docx.Document(str(docx_path))
    assert [c.text for c in document.tables[1].rows[2].cells] == [
        "2",
        "余金山",
        "副主席，代萧雅琴列席",
        "",
    ]


def test_association_attendance_counts_each_way_of_attending(tmp_path: Path):
    meetings = (
        CouncilMeeting("第七届执行理事会第九次会议", date(2025, 3, 6)),
        CouncilMeeting("第七届执行理事会第十次会议", date(2025, 9, 11)),
        CouncilMeeting("第七届执行理事会第十一次会议", date(2025, 12, 4)),
    )
    data = AssociationAttendanceData(
        organisation="门头沟区残疾人联合会",
        year=2025,
        meetings=meetings,
        associations=(
            AssociationYear(
                "盲人协会",
                (
                    Mark(HeadPresence.AS_ATTENDEE, "许俊"),
                    Mark(HeadPresence.AS_MEMBER, "许俊"),
                    Mark(None),
                ),
            ),
            AssociationYear(
                "智力残疾人及亲友协会",
                (
                    Mark(HeadPresence.BY_SUBSTITUTE, "余金山（副主席）"),
                    Mark(HeadPresence.NOT_ATTENDED),
                    Mark(None),
                ),
            ),
        ),
        on=date(2026, 1, 5),
    )
    paper = association_attendance_paper(data)
    totals, per_meeting = [b for b in paper.blocks if isinstance(b, Table)]
    assert totals.rows == (
        ("盲人协会", "3", "1", "1", "0", "0", "1", "100.0%（2/2）"),
        ("智力残疾人及亲友协会", "3", "0", "0", "1", "1", "1", "50.0%（1/2）"),
    )
    assert totals.headers[-1] == "出席率"
    assert per_meeting.headers == ("会议", "日期", "盲协", "智协")
    assert per_meeting.rows[0][2:] == ("列席 许俊", "委托代列席 余金山")
    assert per_meeting.rows[2][2:] == ("未录入", "未录入")
    assert paper.landscape
    pdf = tmp_path / "associations.pdf"
    assert write_pdf(paper, pdf, fonts_dir=FONTS_DIR) == []
    flat = _flat("".join(pdf_text(pdf)))
    assert "门头沟区残疾人联合会2025年专门协会列席执行理事会会议情况统计表" in flat
    assert "2025年共召开执行理事会会议3次" in flat
    assert "出席率" in flat and "50.0%（1/2）" in flat and "100.0%（2/2）" in flat
    assert "÷已录入出席情况的会议次数" in flat


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) not installed")
def test_libreoffice_prints_the_docx_with_the_same_text(minutes_files, tmp_path: Path):
    """The DOCX converted by LibreOffice reads as our PDF does (white space and the full stop
    LibreOffice hangs past the margin aside), with the shipped fonts mapped by fontconfig."""
    pdf, docx_path, _ = minutes_files
    conf = tmp_path / "fonts.conf"
    aliases = {
        "仿宋_GB2312": "FandolFang",
        "黑体": "FandolHei",
        "楷体_GB2312": "FandolKai",
        "方正小标宋简体": "FandolSong",
        "宋体": "FandolSong",
    }
    conf.write_text(
        '<?xml version="1.0"?><!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd"><fontconfig>'
        '<include ignore_missing="yes">/etc/fonts/fonts.conf</include>'
        f"<dir>{FONTS_DIR}</dir>"
        + "".join(
            f'<alias binding="same"><family>{a}</family><prefer><family>{b}</family></prefer></alias>'
            for a, b in aliases.items()
        )
        + "</fontconfig>",
        encoding="utf-8",
    )
    out = tmp_path / "out"
    subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation=file://{tmp_path / 'profile'}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(out),
            str(docx_path),
        ],
        env={**os.environ, "FONTCONFIG_FILE": str(conf)},
        capture_output=True,
        check=True,
        timeout=120,
    )
    theirs = _flat("".join(pdf_text(out / "minutes.pdf"))).replace("。", "")
    ours = _flat("".join(pdf_text(pdf))).replace("。", "")
    assert theirs.replace("—", "") == ours.replace("—", "")
