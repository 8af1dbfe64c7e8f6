"""Small builders for domain objects, so unit tests read as the routine rather than as constructor calls."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from bot.domain.model import (
    Actor,
    ActorKind,
    Contact,
    ContactRole,
    OrganisationKind,
    Person,
    Registration,
    Session,
    Threat,
    Whereabouts,
)
from bot.domain.policy import Policy
from bot.domain.session_commands import register

NOW = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)
POLICY = Policy()
ANNA = Person(key="aad-anna", teams_id="29:anna", name="Anna Andersson", aad_object_id="aad-anna")
OLLE = Actor(ActorKind.OPERATOR, "aad-olle", "Olle Operatör")
OTTO = Actor(ActorKind.OPERATOR, "aad-otto", "Otto Operatör")


def registration(end_in: timedelta = timedelta(hours=1), *, acute: bool = False) -> Registration:
    return Registration(
        organisation_kind=OrganisationKind.NAMND,
        organisation="Regionstyrelsen",
        phone="+46701234567",
        contact=Contact(ContactRole.KONTAKTPERSON, "Eva Ek", "+46709876543"),
        whereabouts=Whereabouts(address="Regionens hus, Göteborg"),
        end_time=NOW + end_in,
        threat=Threat(known=True, description="Hot via e-post efter förra mötet"),
        note="",
        acute=acute,
    )


def new_session(end_in: timedelta = timedelta(hours=1), *, acute: bool = False, now: datetime = NOW) -> Session:
    session, _ = register("s1", ANNA, registration(end_in, acute=acute), now, POLICY, "sv-SE")
    return session
