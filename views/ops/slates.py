"""Operations on slates: the composition workbench, previewing and importing a spreadsheet."""

from __future__ import annotations

from collections.abc import Collection, Mapping
from pathlib import Path

from models.domain.vocabulary import Association, BodyKind
from models.services.common.changes import Outcome
from models.services.common.context import AppContext
from models.services.rosters import commands as roster_commands
from models.services.rosters import queries as roster_queries
from models.services.rosters.contracts import ImportChoices, SheetPreview
from models.services.slates import commands, queries, trials
from models.services.slates.contracts import ImportOutcome, SavedTrial, SlateWorkbench


def workbench(ctx: AppContext, *, kind: BodyKind, term: int | None) -> SlateWorkbench:
    return queries.slate_workbench(ctx.db, kind=kind, term=term)


# --- previewing and importing a slate or a sitting roster: conflicts and units the clerk decides --


def preview_slate_file(
    ctx: AppContext, *, path: Path, kind: BodyKind, term_id: int
) -> SheetPreview:
    # The window reads the file in a child process: a hostile file ends the child, not the window.
    return roster_queries.preview_slate_import(
        ctx.db, path=path, kind=kind, term_id=term_id, isolated=True
    )


def import_slate_file(
    ctx: AppContext,
    *,
    path: Path,
    kind: BodyKind,
    term: int | None,
    choices: ImportChoices,
    reserve: bool,
) -> Outcome[ImportOutcome]:
    return ctx.command(
        lambda db, user: commands.import_slate(
            db,
            user=user,
            path=path,
            kind=kind,
            term=term,
            valid_only=choices.valid_only,
            reserve=reserve,
            rows_from_file=choices.rows_from_file,
            create_units=choices.create_units,
        )
    )


def preview_roster(
    ctx: AppContext, *, path: Path, kind: BodyKind, association: Association | None, term_id: int
) -> SheetPreview:
    return roster_queries.preview_roster(
        ctx.db, path=path, kind=kind, association=association, term_id=term_id, isolated=True
    )


def import_roster(
    ctx: AppContext,
    *,
    path: Path,
    kind: BodyKind,
    association: Association | None,
    term: int | None,
    choices: ImportChoices,
) -> Outcome[ImportOutcome]:
    return ctx.command(
        lambda db, user: roster_commands.import_roster(
            db,
            user=user,
            path=path,
            kind=kind,
            association=association,
            term=term,
            valid_only=choices.valid_only,
            rows_from_file=choices.rows_from_file,
            create_units=choices.create_units,
        )
    )


def write_roster_template(ctx: AppContext, *, path: Path) -> Path:
    """The roster's template (as `yishi template roster`), for the office to fill in."""
    from models.importing.template import write_roster_template as write  # openpyxl: only here

    return write(path)


# --- saving a what-if trial (调整记录) --------------------------------------------------------


def slate_versions(ctx: AppContext, *, term_id: int) -> dict[int, int]:
    return queries.slate_versions(ctx.db, term_id=term_id)


def saved_trials(ctx: AppContext, *, term_id: int) -> list[SavedTrial]:
    return queries.saved_trials(ctx.db, term_id=term_id)


def apply_trial(
    ctx: AppContext,
    *,
    term_id: int,
    left_out: Collection[int],
    brought_in: Collection[int],
    reason: str,
    expected_versions: Mapping[int, int],
) -> Outcome[SavedTrial]:
    return ctx.command(
        lambda db, user: trials.apply_trial(
            db,
            user=user,
            term_id=term_id,
            left_out=left_out,
            brought_in=brought_in,
            reason=reason,
            expected_versions=expected_versions,
        )
    )
