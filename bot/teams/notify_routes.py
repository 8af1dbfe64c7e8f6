"""Which delivery function handles which domain event kind: the user's cards and the operators' cards."""

from __future__ import annotations

from bot.domain.events import EventKind
from bot.teams import user_notifications
from bot.teams.notifier import Deliver

NOTIFY_ROUTES: dict[EventKind, Deliver] = {
    **user_notifications.ROUTES,
}
