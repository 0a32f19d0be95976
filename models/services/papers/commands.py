"""Printing: write one paper, or every 答复函 of a term, to files.

Nothing is written to the database but the change log: each file written is an entry (`print`,
or `export` for an .xlsx, naming the paper and the file), a request to print ID numbers whole an
entry of its own (`reveal`, DOMAIN §7). Warnings (a name with a character no shipped face can
draw) come back as Chinese sentences; they never stop a paper from being written.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from models.documents.paper import FontPreset
from models.documents.papers.reply_letter import reply_letter_paper
from models.domain.errors import DomainError
from models.domain.messages import message
from models.services.audit.records import record_file_written, request_details
from models.services.common.access import check_allowed, guarded
from models.services.common.settings import FONT_PRESETS
from models.services.common.settings import font_preset as stored_font_preset
from models.services.papers._motion_papers import term_reply_letters
from models.services.papers._pool import write_documents
from models.services.papers._refusal import bad_arguments
from models.services.papers._writing import reply_file_name, write_combined_pdf, write_document
from models.services.papers.contracts import (
    PaperFormat,
    PaperKind,
    PaperRequest,
    ReplyLetters,
)
from models.services.papers.queries import (
    build_paper,
    parse_format,
    resolve_format,
)
from models.services.papers.writers import Writers, reply_letter_writers
from models.store.unit_of_work import Database


def _preset(db: Database, font_preset: str | None) -> FontPreset:
    preset = font_preset or stored_font_preset(db)
    known: dict[str, FontPreset] = {"government": "government", "stock": "stock"}
    if preset not in FONT_PRESETS or preset not in known:
        raise bad_arguments(f"未知的文书字体“{preset}”，可选：{'、'.join(FONT_PRESETS)}")
    return known[preset]


@guarded("papers.print")
def write_paper(
    db: Database,
    *,
    user: str,
    request: PaperRequest,
    path: Path,
    fonts_dir: Path,
    fmt: PaperFormat | None = None,
    font_preset: str | None = None,
) -> list[str]:
    """Write the paper to `path` as `fmt` (else as its extension says); returns the warnings.

    A request for whole ID numbers on a paper that has them is logged (action "reveal", naming
    the paper) in a transaction committed only once the file is written. `font_preset`
    (government / stock) names the DOCX fonts; by default the database's setting.
    """
    preset = _preset(db, font_preset)
    path = Path(path)
    fmt = resolve_format(path, fmt, paper=request.paper)
    if not request.reveals_identifiers:
        built = replace(build_paper(db, request=request), font_preset=preset)
        problems = write_document(built, fmt, path, fonts_dir)
        record_file_written(
            db,
            user=user,
            action="export" if fmt == PaperFormat.XLSX else "print",
            entity="paper",
            entity_id=request.paper.value,
            path=path,
            note=f"生成《{built.title}》（{fmt.upper()}）",
            details=request_details(request) | {"format": str(fmt)},
        )
        return [message(p.code, p.params) for p in problems]
    from models.services.papers._slate_papers import slate_paper  # only for a slate

    with db.session_factory() as session:  # whole ID numbers: a right of its own (never 只读)
        check_allowed(session, user, "people.reveal_id")
    built, slate = slate_paper(db, body=request.body, term=request.term)
    built = replace(built, identifiers_whole=True, font_preset=preset)
    with db.unit_of_work(user) as uow:
        uow.log(
            action="reveal",
            entity="paper",
            entity_id=f"{request.paper}/{slate.body.value}/{slate.term or ''}",
            note=f"打印《{built.title}》，显示完整身份证号",
            after={
                "paper": str(request.paper),
                "title": built.title,
                "term_id": slate.term_id,
                "people": len(slate.people),
                "format": str(fmt),
                "file": path.name,
            },
        )
        problems = write_document(built, fmt, path, fonts_dir)
        uow.commit()
    return [message(p.code, p.params) for p in problems]


@guarded("papers.print")
def write_reply_letters(
    db: Database,
    *,
    user: str,
    term: int | None,
    fmt: PaperFormat,
    directory: Path,
    fonts_dir: Path,
    font_preset: str | None = None,
    progress: Callable[[int, int, str], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
    writers: Writers | None = None,
) -> ReplyLetters:
    """One 答复函 per replied or closed motion of the presidium term (a joint letter once),
    named by its numbers, into `directory` (made when missing).

    `progress(done, total, file name)` after each letter; `cancelled()` is asked before each one
    and stops the batch cleanly between two letters. A letter that cannot be written is kept
    with its reason and the others are still written. `writers`: started earlier by the caller
    (`reply_letter_writers`, same format and fonts), who also stops them if this is refused
    before writing; else started here."""
    chosen = parse_format(fmt, paper=PaperKind.REPLY)
    preset = _preset(db, font_preset)
    directory = Path(directory)
    if directory.exists() and not directory.is_dir():
        raise bad_arguments(f"{directory} 不是文件夹")
    if writers is None or writers.fmt != chosen or writers.fonts_dir != fonts_dir:
        # Forked before the letters are read: the workers read a letter's faces meanwhile.
        writers = reply_letter_writers(chosen, fonts_dir)
    with writers:
        letters = term_reply_letters(db, term=term)
        try:
            directory.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise bad_arguments(f"无法创建文件夹 {directory}：{exc.strerror or exc}") from exc
        jobs = [
            (
                replace(reply_letter_paper(data), font_preset=preset),
                directory / f"{reply_file_name(target.number_text)}.{chosen}",
            )
            for target, data in letters
        ]
        files: list[Path] = []
        warnings: list[str] = []
        failures: list[tuple[str, DomainError]] = []
        total = len(letters)
        outcomes = write_documents(jobs, writers)
        try:
            for done, ((target, _data), (_paper, path)) in enumerate(
                zip(letters, jobs, strict=True), start=1
            ):
                number_text = target.number_text
                if cancelled is not None and cancelled():
                    return ReplyLetters(tuple(files), total, tuple(warnings), tuple(failures), True)
                outcome = next(outcomes)
                if isinstance(outcome, DomainError):
                    failures.append((number_text, outcome))
                else:
                    warnings += [f"{number_text}：{message(p.code, p.params)}" for p in outcome]
                    files.append(path)
                if progress is not None:
                    progress(done, total, path.name)
        finally:
            outcomes.close()
        if files:
            record_file_written(
                db,
                user=user,
                action="print",
                entity="paper",
                entity_id=PaperKind.REPLY.value,
                path=directory,
                note=f"生成答复函 {len(files)} 份（{chosen.upper()}）到 {directory.name}",
                details={"letters": len(files), "term": term, "format": str(chosen)},
            )
        return ReplyLetters(tuple(files), total, tuple(warnings), tuple(failures))


@guarded("papers.print")
def write_combined_reply_letters(
    db: Database,
    *,
    user: str,
    term: int | None,
    path: Path,
    fonts_dir: Path,
    font_preset: str | None = None,
    progress: Callable[[int, int, str], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> ReplyLetters:
    """The same letters as `write_reply_letters`, in the same loop, as one PDF for the printer:
    each letter starts on a new sheet with its own page numbers (first page unnumbered).

    `progress(done, total, 第5号)` after each letter is laid out; cancelled, nothing is written.
    A letter that cannot be built is kept with its reason and left out of the file."""
    preset = _preset(db, font_preset)
    path = Path(path)
    resolve_format(path, PaperFormat.PDF, paper=PaperKind.REPLY)
    if path.is_dir():
        raise bad_arguments(f"{path} 是文件夹：合成的答复函要写到一个 .pdf 文件")
    targets = term_reply_letters(db, term=term)
    letters = []
    numbers: list[str] = []
    failures: list[tuple[str, DomainError]] = []
    for done, (target, data) in enumerate(targets, start=1):
        if cancelled is not None and cancelled():
            return ReplyLetters((), len(targets), (), tuple(failures), True)
        try:
            letter = reply_letter_paper(data)
        except DomainError as error:
            failures.append((target.number_text, error))
        else:
            letters.append(replace(letter, font_preset=preset))
            numbers.append(target.number_text)
        if progress is not None:
            progress(done, len(targets), target.number_text)
    if not letters:
        return ReplyLetters((), len(targets), (), tuple(failures))
    problems = write_combined_pdf(letters, path, fonts_dir, title="提案答复函")
    record_file_written(
        db,
        user=user,
        action="print",
        entity="paper",
        entity_id=PaperKind.REPLY.value,
        path=path,
        note=f"生成合订答复函 {len(letters)} 份（PDF）",
        details={"letters": len(letters), "term": term, "format": "pdf"},
    )
    warnings = [
        f"{number}：{message(p.code, p.params)}"
        for number, found in zip(numbers, problems, strict=True)
        for p in found
    ]
    return ReplyLetters((path,), len(targets), tuple(warnings), tuple(failures))


@guarded("papers.print")
def write_reform_report(
    db: Database,
    *,
    user: str,
    year: int | None,
    path: Path,
    fonts_dir: Path,
    fmt: PaperFormat | None = None,
    font_preset: str | None = None,
) -> list[str]:
    """The yearly 改革方案落实情况报告 of `year` to `path` (PDF or DOCX, else as the extension
    says), recorded as a print like every paper; returns the warnings."""
    if year is None:
        raise DomainError("reform_report_year_missing")
    return write_paper(
        db,
        user=user,
        request=PaperRequest(PaperKind.REFORM_REPORT, year=year),
        path=path,
        fonts_dir=fonts_dir,
        fmt=fmt,
        font_preset=font_preset,
    )
