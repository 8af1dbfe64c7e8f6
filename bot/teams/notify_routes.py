"""Which delivery functions handle which domain event kind: the user's cards, the operators' cards, the admins'.

An event kind may have several deliveries, one per audience. Each is a named part of the engine's outbox, so a
failure in one (say the admins' flag check) is retried alone and never repeats another (the operators' card).
"""

from __future__ import annotations

from collections.abc import Mapping

from bot.domain.events import EventKind
from bot.teams import admin_notifications, operator_notifications, user_notifications
from bot.teams.notifier import Deliver, Routes


def merge_routes(**tables: Mapping[EventKind, Deliver]) -> Routes:
    """One table of named parts per event kind, in the order the audiences are given."""
    merged: dict[EventKind, dict[str, Deliver]] = {}
    for name, table in tables.items():
        for kind, route in table.items():
            merged.setdefault(kind, {})[name] = route
    return merged


NOTIFY_ROUTES: Routes = merge_routes(
    user=user_notifications.ROUTES,
    operators=operator_notifications.ROUTES,
    admins=admin_notifications.ROUTES,  # after the operators' card update: flag repeated needless alarms
)
