"""What the window asks of the core, with the clerk fixed: every method runs on the Runner's lane.

Imported on the worker lane after the first paint, so SQLAlchemy and Alembic never delay the window.
"""

from __future__ import annotations

from pathlib import Path

from models.services.common.context import AppContext
from models.store.unit_of_work import Database
from views.backend_decisions import DecisionCalls


class Backend(DecisionCalls):
    def __init__(
        self,
        db: Database,
        user: str,
        *,
        fonts_dir: Path | None = None,
        reply_templates: Path | None = None,
    ) -> None:
        self.db = db
        self.user = user
        self.fonts_dir = fonts_dir
        self.reply_templates = reply_templates  # resources/templates/reply_templates.toml
        # What the typed operations (views/ops) take; the Backend goes once every view uses them.
        self.ctx = AppContext(db, user, fonts_dir=fonts_dir, reply_templates=reply_templates)

    def close(self) -> None:
        self.db.engine.dispose()
