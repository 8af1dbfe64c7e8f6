"""Which delivery function handles which domain event kind: the user's cards and the operators' cards."""

from __future__ import annotations

from collections.abc import Mapping

from bot.domain.events import Event, EventKind
from bot.domain.model import Session
from bot.teams import admin_notifications, operator_notifications, user_notifications
from bot.teams.notifier import Deliver, NotifyContext


def both(first: Deliver, second: Deliver) -> Deliver:
    """Two deliveries for one event kind (e.g. the user's reply and the operators' card): both run even if
    one fails, their refs are merged, and the first failure is raised afterwards so the event is retried."""

    async def deliver(ctx: NotifyContext, session: Session, event: Event) -> dict[str, str]:
        refs: dict[str, str] = {}
        failure: Exception | None = None
        for part in (first, second):
            try:
                refs.update(await part(ctx, session, event))
            except Exception as exc:
                failure = failure or exc
        if failure is not None:
            raise failure
        return refs

    return deliver


def merge_routes(*tables: Mapping[EventKind, Deliver]) -> dict[EventKind, Deliver]:
    merged: dict[EventKind, Deliver] = {}
    for table in tables:
        for kind, route in table.items():
            merged[kind] = both(merged[kind], route) if kind in merged else route
    return merged


NOTIFY_ROUTES: dict[EventKind, Deliver] = merge_routes(
    user_notifications.ROUTES,
    operator_notifications.ROUTES,
    admin_notifications.ROUTES,  # after the operators' card update: flag repeated needless alarms to the admins
)
