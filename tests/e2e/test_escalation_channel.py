"""Binding the operators' channel: only an admin may, `status` shows it, /healthz says when none is bound, and
an escalation raised before any binding waits and is posted once a channel is bound: none is lost."""

from __future__ import annotations

from datetime import timedelta

from bot.domain.events import EventKind
from tests.e2e.escalation_support import (
    ESCALATION_MINUTES,
    bind_channel,
    card_text,
    channel_say,
    posted_cards,
    register,
    replies,
    thread_of,
)
from tests.support.activities import ADA, CHANNEL_ID, OLLE, TEAM_ID, TENANT
from tests.support.harness import BotHarness, texts_in


async def _audit(harness: BotHarness, kind: EventKind) -> list[tuple[dict[str, str], str, str]]:
    now, audit = harness.clock.now(), harness.services.repos.audit
    return [
        (event.data, event.actor.key, subject)
        async for event, subject in audit.between(now - timedelta(days=1), now + timedelta(days=1))
        if event.kind is kind
    ]


async def test_an_admin_binds_the_channel_and_status_shows_it(harness: BotHarness) -> None:
    assert texts_in(await bind_channel(harness)) == [
        "Klart! Den här kanalen är nu trygghetscentralens operatörskanal: larm från Trygghet postas här."
    ]

    binding, _ = await harness.services.repos.kv.get("service", "operator_channel")
    assert {k: binding[k] for k in ("channel_id", "team_id", "tenant_id", "service_url", "bound_by")} == {
        "channel_id": CHANNEL_ID,
        "team_id": TEAM_ID,
        "tenant_id": TENANT,
        "service_url": harness.connector.url,
        "bound_by": ADA.aad,
    }
    assert binding["conversation"]["conversation"]["id"] == CHANNEL_ID
    assert binding["bound_at"] == harness.clock.now().isoformat()
    assert await _audit(harness, EventKind.CHANNEL_BOUND) == [
        ({"channel_id": CHANNEL_ID, "team_id": TEAM_ID}, ADA.aad, ADA.aad)
    ]
    assert texts_in(await channel_say(harness, OLLE, "status")) == [
        "Den här kanalen är operatörskanal sedan onsdag 25 nov. kl. 13:00 (kopplad av Ada Admin).\n\n"
        "Öppna larm: 0, varav 0 väntar på att postas."
    ]
    assert (await harness.client.get("/healthz")).status == 200


async def test_the_english_alias_binds_too(harness: BotHarness) -> None:
    await channel_say(harness, ADA, "bind channel")
    assert (await harness.client.get("/healthz")).status == 200


async def test_only_an_admin_may_bind_and_the_attempt_is_logged(harness: BotHarness) -> None:
    assert texts_in(await bind_channel(harness, OLLE)) == [
        "Bara en administratör kan koppla operatörskanalen. Försöket har loggats."
    ]
    assert await _audit(harness, EventKind.CHANNEL_BOUND) == []
    assert await _audit(harness, EventKind.ACTION_REFUSED) == [({"action": "bind_channel"}, OLLE.aad, OLLE.aad)]
    assert texts_in(await channel_say(harness, OLLE, "status")) == [
        "Ingen operatörskanal är kopplad. Larm väntar tills en administratör skriver @Trygghet koppla kanal i rätt "
        "kanal."
    ]


async def test_binding_is_done_in_a_channel_not_in_a_personal_chat(harness: BotHarness) -> None:
    sent = await harness.say(ADA, "koppla kanal")
    assert texts_in(sent) == ["Skriv @Trygghet koppla kanal i den teamkanal som ska ta emot larmen (inte i en chatt)."]
    assert (await harness.client.get("/healthz")).status == 503


async def test_an_escalation_waits_for_a_channel_and_is_posted_once_one_is_bound(harness: BotHarness) -> None:
    response = await harness.client.get("/healthz")
    assert response.status == 503
    assert "operator channel: not bound" in (await response.json())["problems"]
    session = await register(harness)

    await harness.tick(minutes=ESCALATION_MINUTES)
    for _ in range(4):  # delivery is retried every 30 s; one re-notification falls due meanwhile (13:38)
        await harness.tick(minutes=1)
    assert harness.connector.created_conversations() == []

    sent = await bind_channel(harness)
    assert texts_in(sent) == [
        "Klart! Den här kanalen är nu trygghetscentralens operatörskanal: larm från Trygghet postas här. "
        "1 väntande larm postas här inom 1 minut."
    ]
    assert (await harness.client.get("/healthz")).status == 200
    await harness.tick(seconds=30)

    (card,) = posted_cards(harness)
    assert "Ingen återkoppling – Anna Andersson" in card_text(card)
    assert "Sluttid kl. 13:30, larm kl. 13:35" in card_text(card)
    thread = await thread_of(harness, session)
    await harness.tick(minutes=1)
    assert replies(harness, thread) == []  # the re-notification from before the binding is not replayed ...
    await harness.tick(minutes=1)
    assert len(replies(harness, thread)) == 1  # ... but the next one (13:41) is
    assert len(harness.connector.created_conversations()) == 1
    assert texts_in(await channel_say(harness, ADA, "status"))[0].endswith(
        "Öppna larm: 1, varav 0 väntar på att postas."
    )
