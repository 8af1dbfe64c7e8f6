"""Small builders for domain objects, so unit tests read as the routine rather than as constructor calls."""

from __future__ import annotations

from datetime import datetime, timedelta

from bot.domain.model import (
    Actor,
    ActorKind,
    Person,
    Session,
)
from bot.domain.policy import Policy
from bot.domain.session_commands import register
from tests.support.registrations import NOW, registration

POLICY = Policy()
ANNA = Person(key="aad-anna", teams_id="29:anna", name="Anna Andersson", aad_object_id="aad-anna")
OLLE = Actor(ActorKind.OPERATOR, "aad-olle", "Olle Operatör")
OTTO = Actor(ActorKind.OPERATOR, "aad-otto", "Otto Operatör")


def new_session(end_in: timedelta = timedelta(hours=1), *, acute: bool = False, now: datetime = NOW) -> Session:
    session, _ = register("s1", ANNA, registration(end_in, acute=acute), now, POLICY, "sv-SE")
    return session
