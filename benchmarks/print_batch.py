"""Print how fast a batch of minutes is written: 200 four-page 会议纪要 to PDF, and to DOCX.

1. PDF: 200 different four-page minutes (models.documents.papers.minutes → write_pdf), in a
   child process that spreads them over a pool of one worker per core (both cores here).
2. DOCX: the same 200 minutes (write_docx), in a child process of its own, one core.
3. LibreOffice, when `soffice` is installed: the 200 DOCX of step 2 converted to PDF in one call
   (`soffice -env:UserInstallation=… --headless --convert-to pdf --outdir OUT *.docx`), with the
   shipped fonts mapped to the DOCX's font names through a private fontconfig file. Otherwise the
   script says so. Goal: step 1 at least 20 times faster than step 3.

Each step is timed from the launch of its process to its exit (the parent's clock), so imports,
font loading and LibreOffice's start-up count alike; the child also reports its own time from
the first paper to the last file. Peak memory is ru_maxrss of the step's processes.

    uv run python benchmarks/print_batch.py [COUNT]     # COUNT minutes, default 200
"""

from __future__ import annotations

import json
import multiprocessing
import os
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from datetime import date
from datetime import time as clock
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FONTS = ROOT / "resources" / "fonts"
COUNT = int(sys.argv[1]) if len(sys.argv) > 1 and sys.argv[1].isdigit() else 200
GOAL = 20.0
ITEMS = 5  # agenda items a minutes: with the header and the attendance, four pages

SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕"
GIVEN = (
    "建国",
    "丽华",
    "志强",
    "晓明",
    "海燕",
    "卫东",
    "红梅",
    "国强",
    "小平",
    "雅琴",
    "振华",
    "俊",
)
TOPICS = (
    "残疾人康复服务",
    "辅助器具适配",
    "残疾人就业创业",
    "温馨家园改造提升",
    "无障碍环境建设",
    "残疾儿童康复救助",
    "困难残疾人生活补贴",
    "重度残疾人护理补贴",
)
SUMMARY = (
    "会议听取了{topic}工作情况的汇报。{year}年以来，区残联会同有关部门，围绕{topic}，"
    "完善工作机制，细化任务分工，全年共服务残疾人{n}人次，完成年度计划的{p}%。与会人员认为，"
    "{topic}工作取得了阶段性成效，但仍存在基层服务力量不足、山区服务半径大、项目资金拨付进度偏慢等问题，"
    "需要在下一阶段工作中认真研究解决。会议还听取了财务科关于项目资金使用情况的说明，"
    "以及法律顾问对相关合同文本的审查意见。"
)
DECISION = (
    "会议同意{topic}工作安排。会议要求：一是各科室按照职责分工抓好落实，于{month}月底前报送进展情况；"
    "二是加快项目资金拨付进度，确保资金使用规范、安全、有效；三是加强对街道（镇）残联专职委员的业务指导，"
    "切实提高服务的精准度和满意度。"
)


def minutes(i: int):  # type: ignore[no-untyped-def]
    """The i-th minutes of the batch: five items and 25 names, four pages."""
    from models.documents.papers.minutes import Attendee, MinutesData, Section
    from models.domain.meeting_vocabulary import AttendanceStatus

    def name(k: int) -> str:
        return SURNAMES[(i * 7 + k) % len(SURNAMES)] + GIVEN[(i + k * 5) % len(GIVEN)]

    sections = tuple(
        Section(
            f"关于{topic}工作情况的报告",
            SUMMARY.format(topic=topic, year=2025, n=100 + 37 * i + k, p=80 + (i + k) % 20),
            DECISION.format(topic=topic, month=1 + (i + k) % 12),
        )
        for k, topic in enumerate(TOPICS[(i + j) % len(TOPICS)] for j in range(ITEMS))
    )
    attendance = (
        *(Attendee(name(k), AttendanceStatus.PRESENT) for k in range(20)),
        Attendee(name(20), AttendanceStatus.LEAVE, leave_reason="出差"),
        *(
            Attendee(name(21 + k), AttendanceStatus.ATTENDING, member=False, post=post)
            for k, post in enumerate(
                ("盲人协会主席", "聋人协会主席", "肢残人协会主席", "区财政局社会保障科科长")
            )
        ),
    )
    return MinutesData(
        organisation="门头沟区残疾人联合会",
        meeting=f"第七届执行理事会第{i + 1}次会议",
        meeting_date=date(2025, 1 + i % 12, 1 + i % 28),
        start=clock(9, 30),
        place="区残联三楼会议室",
        host=name(0),
        recorder="赵晓雯",
        sections=sections,
        attendance=attendance,
        final=True,
        doc_number=f"〔2025〕{i + 1}号",
        quorum="应到21人，实到20人，超过半数，符合开会要求",
    )


def _pdf_chunk(args: tuple[list[int], str]) -> int:
    from models.documents.papers.minutes import minutes_paper
    from models.documents.pdf_writer import write_pdf

    numbers, folder = args
    for i in numbers:
        write_pdf(minutes_paper(minutes(i)), Path(folder) / f"m{i:03d}.pdf", fonts_dir=FONTS)
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def _child(phase: str, folder: Path, count: int) -> None:
    """Runs in the step's own process; prints one JSON line."""
    from models.documents.docx_writer import write_docx
    from models.documents.papers.minutes import minutes_paper

    start = time.perf_counter()
    worker_peak = 0
    if phase == "pdf":
        from models.documents.fonts import load_fonts

        # Read the faces once, before the workers fork: each then starts with them loaded.
        load_fonts(FONTS).read_role_faces()
        cores = os.cpu_count() or 1
        chunks = [(list(range(c, count, cores)), str(folder)) for c in range(cores)]
        with ProcessPoolExecutor(cores, mp_context=multiprocessing.get_context("fork")) as pool:
            worker_peak = max(pool.map(_pdf_chunk, chunks))
    else:
        for i in range(count):
            write_docx(minutes_paper(minutes(i)), folder / f"m{i:03d}.docx")
    seconds = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(json.dumps({"seconds": seconds, "peak_kb": peak, "worker_peak_kb": worker_peak}))


def _run_step(phase: str, folder: Path) -> tuple[float, dict]:
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, __file__, "--child", phase, str(folder), str(COUNT)],
        capture_output=True,
        text=True,
        check=True,
    )
    return time.perf_counter() - start, json.loads(done.stdout.strip().splitlines()[-1])


FONTS_CONF = """<?xml version="1.0"?><!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd">
<fontconfig>
  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>
  <dir>{fonts}</dir>
{aliases}
</fontconfig>
"""
ALIASES = {
    "仿宋_GB2312": "FandolFang",
    "仿宋": "FandolFang",
    "黑体": "FandolHei",
    "楷体_GB2312": "FandolKai",
    "楷体": "FandolKai",
    "方正小标宋简体": "FandolSong",
    "宋体": "FandolSong",
}


def _libreoffice(docx_folder: Path, work: Path) -> tuple[float, int, int] | None:
    """(seconds, peak KB, PDFs written) converting every DOCX in one call, or None."""
    soffice = shutil.which("soffice")
    if soffice is None:
        return None
    conf = work / "fonts.conf"
    conf.write_text(
        FONTS_CONF.format(
            fonts=FONTS,
            aliases="\n".join(
                f'  <alias binding="same"><family>{a}</family>'
                f"<prefer><family>{b}</family></prefer></alias>"
                for a, b in ALIASES.items()
            ),
        ),
        encoding="utf-8",
    )
    out = work / "lo-pdf"
    profile = work / "lo-profile"
    env = {**os.environ, "FONTCONFIG_FILE": str(conf)}
    # A first start creates the profile; the measured call then starts as a clerk's PC would.
    subprocess.run(
        [
            soffice,
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--terminate_after_init",
        ],
        env=env,
        capture_output=True,
        timeout=300,
    )
    files = sorted(str(p) for p in docx_folder.glob("*.docx"))
    start = time.perf_counter()
    subprocess.run(
        [soffice, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--convert-to", "pdf",
         "--outdir", str(out), *files],
        env=env,
        capture_output=True,
        check=True,
        timeout=3600,
    )  # fmt: skip
    seconds = time.perf_counter() - start
    # The largest process LibreOffice ran (soffice.bin), the profile-creating start included.
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return seconds, peak, len(list(out.glob("*.pdf")))


def _pages(pdf: Path) -> int:
    """The page count from the PDF's page tree (reportlab writes one /Count)."""
    counts = re.findall(rb"/Count (\d+)", pdf.read_bytes())
    return max(int(c) for c in counts)


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="yishi-print-") as tmp:
        work = Path(tmp)
        pdf_dir, docx_dir = work / "pdf", work / "docx"
        pdf_dir.mkdir()
        docx_dir.mkdir()
        print(f"{COUNT} minutes, {os.cpu_count()} cores, Python {sys.version.split()[0]}")
        pdf_wall, pdf = _run_step("pdf", pdf_dir)
        pages = {_pages(p) for p in pdf_dir.glob("*.pdf")}
        print(
            f"PDF  (pool of {os.cpu_count()}): {pdf_wall:.2f} s launch to exit "
            f"({pdf['seconds']:.2f} s first paper to last file), {len(pages) and min(pages)}–"
            f"{max(pages)} pages each; peak memory {pdf['peak_kb'] / 1024:.0f} MB parent, "
            f"{pdf['worker_peak_kb'] / 1024:.0f} MB per worker"
        )
        docx_wall, dx = _run_step("docx", docx_dir)
        print(
            f"DOCX (one core): {docx_wall:.2f} s launch to exit ({dx['seconds']:.2f} s first paper "
            f"to last file); peak memory {dx['peak_kb'] / 1024:.0f} MB"
        )
        lo = _libreoffice(docx_dir, work)
        if lo is None:
            print("LibreOffice (soffice) is not installed: the 20× goal is not measured.")
            return
        seconds, peak, written = lo
        ratio = seconds / pdf_wall
        print(
            f"LibreOffice, {written} DOCX → PDF in one call: {seconds:.2f} s; peak memory "
            f"{peak / 1024:.0f} MB"
        )
        verdict = "met" if ratio >= GOAL else "not met"
        print(f"PDF batch vs LibreOffice: {ratio:.1f}× faster (goal ≥ {GOAL:.0f}×: {verdict})")


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        sys.path.insert(0, str(ROOT))
        _child(sys.argv[2], Path(sys.argv[3]), int(sys.argv[4]))
    else:
        main()
