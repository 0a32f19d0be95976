"""`yishi print PAPER -o FILE`: a paper as PDF or DOCX, the format from --format or the extension.

minutes and signin take --meeting; slate and composition take --body and --term (slate also
--public or --reveal); association-attendance takes --year; reply and assignment-slip take
--motion; motion-summary takes --term (also as xlsx); decision takes --decision;
decision-register takes --year (also as xlsx); reform-report takes --year (the yearly
改革方案落实情况报告); motion-form takes --motion, or --blank
(with --term, else the current presidium term) for the form members fill by hand; replies takes --term and writes one 答复函
per replied motion into the folder -o names, with a progress line per file on stderr (with
--combined: all of them in the one .pdf file -o names, each letter from a new sheet). An option that does not belong to
the paper is refused (exit 2), so a mistyped line never prints something other than was meant.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from desktop.cli.output import say
from desktop.paths import resource_path
from models.domain.errors import DomainError
from models.domain.vocabulary import BodyKind
from models.services.papers.commands import (
    write_combined_reply_letters,
    write_paper,
    write_reform_report,
    write_reply_letters,
)
from models.services.papers.contracts import PAPER_NAMES, PaperKind, PaperRequest
from models.services.papers.queries import parse_format, resolve_format
from models.store.unit_of_work import Database

# Which options each paper takes (the others must be left out).
_OPTIONS: dict[str, frozenset[str]] = {
    "minutes": frozenset({"meeting"}),
    "signin": frozenset({"meeting"}),
    "slate": frozenset({"body", "term", "public", "reveal"}),
    "composition": frozenset({"body", "term"}),
    "association-attendance": frozenset({"year"}),
    "reply": frozenset({"motion"}),
    "assignment-slip": frozenset({"motion"}),
    "motion-summary": frozenset({"term"}),
    "replies": frozenset({"term", "combined"}),
    "decision": frozenset({"decision"}),
    "decision-register": frozenset({"year"}),
    "motion-form": frozenset({"motion", "term", "blank"}),
    "reform-report": frozenset({"year"}),
}
_REQUIRED: dict[str, tuple[str, ...]] = {
    "minutes": ("meeting",),
    "signin": ("meeting",),
    "slate": ("body",),
    "composition": ("body",),
    "association-attendance": ("year",),
    "reply": ("motion",),
    "assignment-slip": ("motion",),
    "motion-summary": (),
    "replies": (),
    "decision": ("decision",),
    "decision-register": ("year",),
    "motion-form": (),
    "reform-report": (),  # its own message when --year is missing (write_reform_report)
}
_FLAGS = {
    "meeting": "--meeting",
    "body": "--body",
    "term": "--term",
    "year": "--year",
    "motion": "--motion",
    "decision": "--decision",
}
_NAMES = {**{str(k): v for k, v in PAPER_NAMES.items()}, "replies": "提案答复函（全部）"}
_SWITCHES = {
    "public": "--public",
    "reveal": "--reveal",
    "blank": "--blank",
    "combined": "--combined",
}


def _given(args: argparse.Namespace, name: str) -> bool:
    value = getattr(args, name, None)
    return bool(value) if name in _SWITCHES else value is not None


def check_options(args: argparse.Namespace) -> None:
    paper, name = args.paper, _NAMES[args.paper]
    for option, flag in {**_FLAGS, **_SWITCHES}.items():
        if _given(args, option) and option not in _OPTIONS[paper]:
            raise DomainError("bad_arguments", detail=f"打印{name}时不能使用 {flag}")
    missing = [_FLAGS[o] for o in _REQUIRED[paper] if not _given(args, o)]
    if missing:
        raise DomainError("bad_arguments", detail=f"打印{name}需要 {'、'.join(missing)}")
    if paper == "motion-form":
        if args.blank == (args.motion is not None):
            raise DomainError("motion_form_choice")
        if args.term is not None and not args.blank:
            raise DomainError("bad_arguments", detail="--term 只用于空白提案表（--blank）")
    if args.public and args.reveal:
        raise DomainError(
            "bad_arguments",
            detail="--public（不印身份证号）与 --reveal（印完整身份证号）不能同时使用",
        )


def _progress(done: int, total: int, name: str) -> None:
    sys.stderr.write(f"[{done}/{total}] {name}\n")
    sys.stderr.flush()


def run_combined_replies(db: Database, user: str, args: argparse.Namespace) -> int:
    path = Path(args.output).expanduser().resolve()
    if (args.format or "pdf").lower() != "pdf" or path.suffix.lower() != ".pdf":
        raise DomainError("bad_arguments", detail="--combined 只写 PDF：-o 请给一个 .pdf 文件")
    letters = write_combined_reply_letters(
        db,
        user=user,
        term=args.term,
        path=path,
        fonts_dir=resource_path("fonts"),
        font_preset=args.fonts,
        progress=_progress,
    )
    if letters.failures:
        raise letters.failures[0][1]
    if not letters.files:
        say("本届没有已答复或已办结的提案，未生成文件。")
        return 0
    say(f"已把{letters.total}份提案答复函合成一个 PDF：{path}")
    for warning in letters.warnings:
        say(f"提醒：{warning}")
    return 0


def run_replies(db: Database, user: str, args: argparse.Namespace) -> int:
    if args.combined:
        return run_combined_replies(db, user, args)
    if args.format is None:
        raise DomainError("bad_arguments", detail="打印全部答复函需要 --format pdf 或 docx")
    fmt = parse_format(args.format, paper=PaperKind.REPLY)
    directory = Path(args.output).expanduser().resolve()
    letters = write_reply_letters(
        db,
        user=user,
        term=args.term,
        fmt=fmt,
        directory=directory,
        fonts_dir=resource_path("fonts"),
        font_preset=args.fonts,
        progress=_progress,
        writers=getattr(args, "writers", None),  # started before the data layer (app.py)
    )
    if letters.failures:
        # The first letter that could not be written decides the refusal, as it always has.
        raise letters.failures[0][1]
    say(f"已生成{len(letters.files)}份提案答复函（{fmt.upper()}）：{directory}")
    for warning in letters.warnings:
        say(f"提醒：{warning}")
    return 0


def run_reform_report(db: Database, user: str, args: argparse.Namespace, path: Path) -> int:
    """`print reform-report --year YYYY -o FILE`: the year is asked for in words of its own."""
    if args.year is None:
        raise DomainError("reform_report_year_missing")
    fmt = resolve_format(path, args.format, paper=PaperKind.REFORM_REPORT)
    warnings = write_reform_report(
        db,
        user=user,
        year=args.year,
        path=path,
        fmt=fmt,
        fonts_dir=resource_path("fonts"),
        font_preset=args.fonts,
    )
    say(f"已生成{args.year}年改革方案落实情况报告（{fmt.upper()}）：{path}")
    for warning in warnings:
        say(f"提醒：{warning}")
    return 0


def run_print(db: Database, user: str, args: argparse.Namespace) -> int:
    check_options(args)
    if args.paper == "replies":
        return run_replies(db, user, args)
    paper = PaperKind(args.paper)
    path = Path(args.output).expanduser().resolve()
    if paper is PaperKind.REFORM_REPORT:
        return run_reform_report(db, user, args, path)
    fmt = resolve_format(path, args.format, paper=paper)
    request = PaperRequest(
        paper,
        meeting_id=args.meeting,
        body=BodyKind(args.body) if args.body else None,
        term=args.term,
        year=args.year,
        public=args.public,
        identifiers_whole=args.reveal,
        motion_id=args.motion,
        decision_id=args.decision,
        blank=args.blank,
    )
    warnings = write_paper(
        db,
        user=user,
        request=request,
        fmt=fmt,
        path=path,
        fonts_dir=resource_path("fonts"),
        font_preset=args.fonts,
    )
    say(f"已生成{PAPER_NAMES[paper]}（{fmt.upper()}）：{path}")
    if args.reveal:
        say("名单中印有完整身份证号；此次打印已记入日志。")
    for warning in warnings:
        say(f"提醒：{warning}")
    return 0
