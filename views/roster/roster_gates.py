"""The main window's roster actions, gated by the signed-in role (views/permissions.py).

The main window is another slice's: it calls `gate_main_actions(self, ctx)` once the context is
known (after opening the database or signing in). The guards then outlast `_update_actions`,
which keeps enabling by selection. Actions that open a record or a list to read (编辑人员,
编辑本届信息, 届次管理, 选举单位, 本会信息) stay: their dialogs open read-only for a role that
may not change them, so a 只读 clerk can look.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QAction

from views.permissions import gate

if TYPE_CHECKING:
    from PySide6.QtCore import QObject

    from models.services.common.context import AppContext

MAIN_ACTION_PERMISSIONS: dict[str, str] = {
    "add_person_action": "people.edit",
    "add_member_action": "people.edit",
    "end_member_action": "people.edit",
    "import_roster_action": "rosters.import",
    "reveal_action": "people.reveal_id",
    # A 承办单位 account reads only its motions: the other features are not for it.
    "slate_action": "slates.read",
    "meetings_action": "meetings.read",
    "decisions_action": "decisions.read",
    "terms_action": "terms.read",
    "units_action": "terms.read",
}


def gate_main_actions(window: QObject, ctx: AppContext) -> list[QAction]:
    """Gate every roster action the window has; the ones refused, for a test to read."""
    refused = []
    for name, action in MAIN_ACTION_PERMISSIONS.items():
        target = getattr(window, name, None)
        if isinstance(target, QAction) and not gate(target, ctx, action):
            refused.append(target)
    return refused
