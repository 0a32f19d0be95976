"""Operations on slates: the composition workbench, previewing and importing a spreadsheet."""

from __future__ import annotations

from collections.abc import Collection, Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from models.domain.vocabulary import BodyKind
from models.services.common.changes import Outcome
from models.services.common.context import AppContext
from models.services.slates import commands, queries, trials
from models.services.slates.contracts import ImportOutcome, SavedTrial, SlateWorkbench

if TYPE_CHECKING:
    from models.importing.slate_reader import SlateSheet


def workbench(ctx: AppContext, *, kind: BodyKind, term: int | None) -> SlateWorkbench:
    return queries.slate_workbench(ctx.db, kind=kind, term=term)


def preview(ctx: AppContext, *, path: Path, kind: BodyKind, term_id: int) -> SlateSheet:
    return queries.preview_slate(ctx.db, path=path, kind=kind, term_id=term_id)


def import_slate(
    ctx: AppContext,
    *,
    path: Path,
    kind: BodyKind,
    term: int | None,
    valid_only: bool,
    reserve: bool,
) -> Outcome[ImportOutcome]:
    return ctx.command(
        lambda db, user: commands.import_slate(
            db,
            user=user,
            path=path,
            kind=kind,
            term=term,
            valid_only=valid_only,
            reserve=reserve,
        )
    )


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
