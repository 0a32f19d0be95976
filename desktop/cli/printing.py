"""`yishi print PAPER -o FILE`: a paper as PDF or DOCX, the format from --format or the extension.

minutes and signin take --meeting; slate and composition take --body and --term (slate also
--public or --reveal); association-attendance takes --year. An option that does not belong to
the paper is refused (exit 2), so a mistyped line never prints something other than was meant.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from desktop.cli.output import say
from desktop.paths import resource_path
from models.domain.errors import DomainError
from models.domain.vocabulary import BodyKind
from models.services.printing import PAPER_NAMES, resolve_format, write_paper
from models.store.unit_of_work import Database

# Which options each paper takes (the others must be left out).
_OPTIONS: dict[str, frozenset[str]] = {
    "minutes": frozenset({"meeting"}),
    "signin": frozenset({"meeting"}),
    "slate": frozenset({"body", "term", "public", "reveal"}),
    "composition": frozenset({"body", "term"}),
    "association-attendance": frozenset({"year"}),
}
_REQUIRED: dict[str, tuple[str, ...]] = {
    "minutes": ("meeting",),
    "signin": ("meeting",),
    "slate": ("body",),
    "composition": ("body",),
    "association-attendance": ("year",),
}
_FLAGS = {"meeting": "--meeting", "body": "--body", "term": "--term", "year": "--year"}
_SWITCHES = {"public": "--public", "reveal": "--reveal"}


def _given(args: argparse.Namespace, name: str) -> bool:
    value = getattr(args, name, None)
    return bool(value) if name in _SWITCHES else value is not None


def check_options(args: argparse.Namespace) -> None:
    paper, name = args.paper, PAPER_NAMES[args.paper]
    for option, flag in {**_FLAGS, **_SWITCHES}.items():
        if _given(args, option) and option not in _OPTIONS[paper]:
            raise DomainError("bad_arguments", detail=f"打印{name}时不能使用 {flag}")
    missing = [_FLAGS[o] for o in _REQUIRED[paper] if not _given(args, o)]
    if missing:
        raise DomainError("bad_arguments", detail=f"打印{name}需要 {'、'.join(missing)}")
    if args.public and args.reveal:
        raise DomainError(
            "bad_arguments",
            detail="--public（不印身份证号）与 --reveal（印完整身份证号）不能同时使用",
        )


def run_print(db: Database, user: str, args: argparse.Namespace) -> int:
    check_options(args)
    path = Path(args.output).expanduser().resolve()
    fmt = resolve_format(path, args.format)
    warnings = write_paper(
        db,
        user=user,
        paper=args.paper,
        fmt=fmt,
        path=path,
        fonts_dir=resource_path("fonts"),
        meeting_id=args.meeting,
        kind=BodyKind(args.body) if args.body else None,
        ordinal=args.term,
        year=args.year,
        public=args.public,
        identifiers_whole=args.reveal,
        font_preset=args.fonts,
    )
    say(f"已生成{PAPER_NAMES[args.paper]}（{fmt.upper()}）：{path}")
    if args.reveal:
        say("名单中印有完整身份证号；此次打印已记入日志。")
    for warning in warnings:
        say(f"提醒：{warning}")
    return 0
