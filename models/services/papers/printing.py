"""Printing the secretariat's papers: read the database, fill in a paper, write it as PDF or DOCX.

The papers (models.documents.papers) take plain data; this module reads what they need, and
nothing else is written to the database except the log row of a request to print ID numbers
whole (DOMAIN §7). Warnings (a name with a character no shipped face can draw) come back as
Chinese sentences; they never stop the paper from being written.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date
from pathlib import Path

from models.documents.docx_writer import write_docx
from models.documents.fonts import load_fonts
from models.documents.paper import Paper
from models.documents.papers.assignment_slip import assignment_slip_paper
from models.documents.papers.association_attendance import (
    association_attendance_paper,
)
from models.documents.papers.decision_record import decision_record_paper
from models.documents.papers.decision_register import decision_register_paper
from models.documents.papers.minutes import minutes_paper
from models.documents.papers.motion_summary import motion_summary_paper
from models.documents.papers.reply_letter import reply_letter_paper
from models.documents.papers.signin import signin_paper
from models.documents.papers.slate_papers import composition_paper, slate_list_paper
from models.documents.pdf_writer import write_pdf
from models.documents.xlsx_summary import write_xlsx
from models.domain.composition_table import composition_table
from models.domain.errors import Problem
from models.domain.messages import message
from models.domain.slate import SlateRecord
from models.domain.vocabulary import BodyKind, TermStatus, chinese_ordinal
from models.entities import Term
from models.services.common.settings import FONT_PRESETS
from models.services.common.settings import font_preset as stored_font_preset
from models.services.papers.common import PAPER_NAMES, bad_arguments, organisation_name, today
from models.services.papers.decisions import decision_record_data, decision_register_data
from models.services.papers.meetings import association_attendance_data, minutes_data, signin_data
from models.services.papers.motions import (
    assignment_slip_data,
    motion_summary_data,
    replied_motions,
    reply_letter_data,
)
from models.services.slates.contracts import SLATE_BODIES, TermSlate
from models.services.slates.queries import load_term_slate, units_of_term
from models.store.unit_of_work import Database

PAPERS = (
    "minutes",
    "signin",
    "slate",
    "composition",
    "association-attendance",
    "reply",
    "assignment-slip",
    "motion-summary",
    "decision",
    "decision-register",
)
FORMATS = ("pdf", "docx")
# Papers that can also be written as a workbook.
XLSX_PAPERS = frozenset({"motion-summary", "decision-register"})
# Papers that print ID numbers: only these can be asked for them whole (and that is logged).
WITH_IDENTIFIERS = frozenset({"slate"})


def formats_of(paper: str | None) -> tuple[str, ...]:
    """pdf and docx; the 汇总表 and the 三重一大 台账 also xlsx."""
    return (*FORMATS, "xlsx") if paper in XLSX_PAPERS else FORMATS


def resolve_format(path: Path, fmt: str | None, *, paper: str | None = None) -> str:
    """The format asked for, else the file's extension; both given and different is refused."""
    formats = formats_of(paper)
    suffix = Path(path).suffix.lower().lstrip(".")
    from_name = suffix if suffix in formats else None
    if fmt is not None:
        fmt = fmt.strip().lower()
        if fmt not in formats:
            raise bad_arguments(f"格式只能是 {' 或 '.join(formats)}，而不是“{fmt}”")
        if from_name is not None and from_name != fmt:
            raise bad_arguments(f"--format {fmt} 与文件扩展名 .{suffix} 不一致")
        return fmt
    if from_name is None:
        raise bad_arguments(
            f"无法从文件名 {Path(path).name} 判断格式：请用 .pdf 或 .docx，或加 --format"
        )
    return from_name


def _slate(db: Database, kind: BodyKind | None, ordinal: int | None, paper: str) -> TermSlate:
    if kind is None:
        raise bad_arguments(f"打印{PAPER_NAMES[paper]}需要指明机构（--body congress 或 presidium）")
    if kind not in SLATE_BODIES:
        raise bad_arguments("名单和构成统计表只有代表大会、主席团和执行理事会才有")
    return load_term_slate(db, kind=kind, term=ordinal)


def _slate_name(slate: TermSlate) -> str:
    """第八次代表大会代表候选人名单 / 第八届主席团委员名单 without the closing 名单."""
    n = slate.term
    candidates = "候选人" if slate.term_status is TermStatus.DRAFT else ""
    if slate.body is BodyKind.CONGRESS:
        term = f"第{chinese_ordinal(n)}次" if n else ""
        return f"{term}代表大会代表{candidates}"
    term = f"第{chinese_ordinal(n)}届" if n else ""
    body = "主席团委员" if slate.body is BodyKind.PRESIDIUM else "执行理事会理事"
    return f"{term}{body}{candidates}"


def _opening_date(db: Database, term_id: int) -> date | None:
    with db.session_factory() as session:
        term = session.get(Term, term_id)
        return term.start_date if term is not None else None


def slate_paper(
    db: Database, *, kind: BodyKind | None, ordinal: int | None, public: bool = False
) -> tuple[Paper, TermSlate]:
    """代表名单 by electoral unit (congress: in the units' order), ID numbers masked."""
    slate = _slate(db, kind, ordinal, "slate")
    people: tuple[SlateRecord, ...] = slate.people
    units: list[str] | tuple[str, ...] = ()
    if slate.body is BodyKind.CONGRESS:
        units = units_of_term(db, term_id=slate.term_id)
    elif not any(p.electoral_unit for p in people):
        # No electoral units on a presidium or council slate: one section, named after the body.
        group = _slate_name(slate).replace("候选人", "")
        group = group[group.find("届") + 1 :]
        people = tuple(replace(p, electoral_unit=group) for p in people)
    paper = slate_list_paper(
        f"{organisation_name(db)}{_slate_name(slate)}名单",
        people,
        units=units,
        on=today(),
        public=public,
    )
    return paper, slate


def composition_paper_of(db: Database, *, kind: BodyKind | None, ordinal: int | None) -> Paper:
    """Ages at the term's opening date, today while it is unknown (DOMAIN §7)."""
    slate = _slate(db, kind, ordinal, "composition")
    on = _opening_date(db, slate.term_id) or today()
    name = _slate_name(slate).replace("候选人", "")
    title = f"{organisation_name(db)}{name}构成情况统计表"
    return composition_paper(title, composition_table(slate.people, on=on))


# -- the one entry point -------------------------------------------------------------------------


def build_paper(
    db: Database,
    *,
    paper: str,
    meeting_id: int | None = None,
    kind: BodyKind | None = None,
    ordinal: int | None = None,
    year: int | None = None,
    public: bool = False,
    motion_id: int | None = None,
    decision_id: int | None = None,
) -> Paper:
    """The paper as it will print, ID numbers masked (public: none at all). Reads only.

    reply and assignment-slip take `motion_id`; motion-summary takes `ordinal` (the presidium's
    届次, else the current term); decision takes `decision_id`, decision-register `year`."""
    if paper == "minutes":
        return minutes_paper(minutes_data(db, meeting_id=meeting_id))
    if paper == "signin":
        return signin_paper(signin_data(db, meeting_id=meeting_id))
    if paper == "slate":
        return slate_paper(db, kind=kind, ordinal=ordinal, public=public)[0]
    if paper == "composition":
        return composition_paper_of(db, kind=kind, ordinal=ordinal)
    if paper == "association-attendance":
        return association_attendance_paper(association_attendance_data(db, year=year))
    if paper == "reply":
        return reply_letter_paper(reply_letter_data(db, motion_id))
    if paper == "assignment-slip":
        return assignment_slip_paper(assignment_slip_data(db, motion_id))
    if paper == "motion-summary":
        return motion_summary_paper(motion_summary_data(db, ordinal))
    if paper == "decision":
        return decision_record_paper(decision_record_data(db, decision_id))
    if paper == "decision-register":
        return decision_register_paper(decision_register_data(db, year))
    raise bad_arguments(f"未知的文书“{paper}”，可选：{'、'.join(PAPERS)}")


def paper_title(
    db: Database,
    *,
    paper: str,
    meeting_id: int | None = None,
    kind: BodyKind | None = None,
    ordinal: int | None = None,
    year: int | None = None,
    motion_id: int | None = None,
    decision_id: int | None = None,
) -> str:
    """The paper's title, e.g. for a suggested file name."""
    return build_paper(
        db,
        paper=paper,
        meeting_id=meeting_id,
        kind=kind,
        ordinal=ordinal,
        year=year,
        motion_id=motion_id,
        decision_id=decision_id,
    ).title


def write_document(paper: Paper, fmt: str, path: Path, fonts_dir: Path) -> list[Problem]:
    """Write an already built paper; an unwritable file is refused with the reason."""
    if fmt == "xlsx":
        try:
            write_xlsx(paper, path)
        except PermissionError as exc:
            raise bad_arguments(f"无法写入 {path}：没有权限，或文件正被其他程序打开") from exc
        except OSError as exc:
            raise bad_arguments(f"无法写入 {path}：{exc.strerror or exc}") from exc
        return []
    if fmt == "pdf":
        load_fonts(fonts_dir)  # a missing font file is the installation's fault, not the path's
    try:
        if fmt == "pdf":
            return write_pdf(paper, path, fonts_dir=fonts_dir)
        write_docx(paper, path)
        return []
    except PermissionError as exc:
        raise bad_arguments(f"无法写入 {path}：没有权限，或文件正被其他程序打开") from exc
    except FileNotFoundError as exc:
        raise bad_arguments(f"无法写入 {path}：文件夹不存在") from exc
    except OSError as exc:
        raise bad_arguments(f"无法写入 {path}：{exc.strerror or exc}") from exc


def write_paper(
    db: Database,
    *,
    user: str,
    paper: str,
    fmt: str,
    path: Path,
    fonts_dir: Path,
    meeting_id: int | None = None,
    kind: BodyKind | None = None,
    ordinal: int | None = None,
    year: int | None = None,
    public: bool = False,
    identifiers_whole: bool = False,
    font_preset: str | None = None,
    motion_id: int | None = None,
    decision_id: int | None = None,
) -> list[str]:
    """Write the paper as `fmt` ("pdf" or "docx") to `path`; returns the warnings in Chinese.

    `identifiers_whole` prints whole ID numbers on a paper that has them (代表名单, not public):
    the request is logged (action "reveal", naming the paper) in the same transaction, which is
    committed only once the file is written. Otherwise nothing is written to the database.
    `font_preset` (government / stock) names the DOCX fonts; by default the database's setting.
    """
    if paper not in PAPERS:
        raise bad_arguments(f"未知的文书“{paper}”，可选：{'、'.join(PAPERS)}")
    preset = font_preset or stored_font_preset(db)
    if preset not in FONT_PRESETS:
        raise bad_arguments(f"未知的文书字体“{preset}”，可选：{'、'.join(FONT_PRESETS)}")
    path = Path(path)
    fmt = resolve_format(path, fmt, paper=paper)
    reveal = identifiers_whole and not public and paper in WITH_IDENTIFIERS
    if not reveal:
        built = build_paper(
            db,
            paper=paper,
            meeting_id=meeting_id,
            kind=kind,
            ordinal=ordinal,
            year=year,
            public=public,
            motion_id=motion_id,
            decision_id=decision_id,
        )
        problems = write_document(replace(built, font_preset=preset), fmt, path, fonts_dir)
    else:
        built, slate = slate_paper(db, kind=kind, ordinal=ordinal)
        built = replace(built, identifiers_whole=True, font_preset=preset)
        with db.unit_of_work(user) as uow:
            uow.log(
                action="reveal",
                entity="paper",
                entity_id=f"{paper}/{slate.body.value}/{slate.term or ''}",
                note=f"打印《{built.title}》，显示完整身份证号",
                after={
                    "paper": paper,
                    "title": built.title,
                    "term_id": slate.term_id,
                    "people": len(slate.people),
                    "format": fmt,
                    "file": path.name,
                },
            )
            problems = write_document(built, fmt, path, fonts_dir)
            uow.commit()
    return [message(p.code, p.params) for p in problems]


def reply_file_name(number_text: str) -> str:
    """第5号 → 第5号答复函 (a file name without characters Windows refuses)."""
    safe = "".join("_" if c in '<>:"/\\|?*' else c for c in number_text.strip())
    return f"{safe or '提案'}答复函"


def write_replies(
    db: Database,
    *,
    ordinal: int | None,
    fmt: str,
    directory: Path,
    fonts_dir: Path,
    font_preset: str | None = None,
    progress: Callable[[int, int, Path], None] | None = None,
) -> tuple[list[Path], list[str]]:
    """One 答复函 per replied or closed motion of the presidium term, named by its number, into
    `directory` (made when missing). `progress(done, total, path)` after each file. Returns the
    files written and the warnings in Chinese."""
    fmt = (fmt or "").strip().lower()
    if fmt not in FORMATS:
        raise bad_arguments(f"格式只能是 pdf 或 docx，而不是“{fmt}”")
    preset = font_preset or stored_font_preset(db)
    if preset not in FONT_PRESETS:
        raise bad_arguments(f"未知的文书字体“{preset}”，可选：{'、'.join(FONT_PRESETS)}")
    directory = Path(directory)
    if directory.exists() and not directory.is_dir():
        raise bad_arguments(f"{directory} 不是文件夹")
    motions = replied_motions(db, ordinal)
    try:
        directory.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise bad_arguments(f"无法创建文件夹 {directory}：{exc.strerror or exc}") from exc
    written: list[Path] = []
    warnings: list[str] = []
    for done, (motion_id, number_text) in enumerate(motions, start=1):
        path = directory / f"{reply_file_name(number_text)}.{fmt}"
        paper = replace(reply_letter_paper(reply_letter_data(db, motion_id)), font_preset=preset)
        problems = write_document(paper, fmt, path, fonts_dir)
        warnings += [f"{number_text}：{message(p.code, p.params)}" for p in problems]
        written.append(path)
        if progress is not None:
            progress(done, len(motions), path)
    return written, warnings
