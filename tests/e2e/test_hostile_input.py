"""Hostile input, class by class, against the running app on Azurite and the connector stand-in: each gets its
clear answer (HTTP status, and the reply the person sees), and every table is left byte for byte as it was,
ETags included. The only write a refusal may make is the audit line saying it was refused ("Försöket har
loggats"), and the tests say so where it happens. No request is answered 500, and none logs a traceback.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest

from bot.cards import verbs
from bot.store.tables import TableStore
from tests.e2e.escalation_support import escalated, person, register
from tests.support import activities as act
from tests.support.activities import ANNA, BERTIL, EMMA, TENANT
from tests.support.harness import BotHarness, texts_in
from tests.support.store_snapshot import changes, snapshot


def message(harness: BotHarness, text: str = "status", user: act.TeamsUser = ANNA) -> dict[str, Any]:
    return act.personal_message(user, harness.connector.url, text)


def without(activity: dict[str, Any], name: str) -> dict[str, Any]:
    changed = copy.deepcopy(activity)
    changed[name] = None
    return changed


def nested(depth: int) -> dict[str, Any]:
    value: dict[str, Any] = {}
    for _ in range(depth):
        value = {"x": value}
    return value


@dataclass(frozen=True)
class Case:
    """One class of hostile input: how to build the request, and what the service must answer."""

    name: str
    body: Callable[[BotHarness, Context], bytes | dict[str, Any] | list[Any] | None]
    status: int
    reason: str = ""  # the JSON reason of a refused request
    reply: str = ""  # the start of what the person is told, for a request that reaches a turn
    content_type: str = "application/json"
    audited: int = 0  # audit lines the refusal itself writes ("Försöket har loggats")


Context = dict[str, str]  # the session, thread and card ids of the prepared world


def raw(data: bytes) -> Callable[[BotHarness, Context], bytes]:
    return lambda _h, _ctx: data


CASES = [
    Case("invalid JSON", raw(b'{"type": "message",'), 400, "invalid_json"),
    Case("empty body", raw(b""), 400, "empty_body"),
    Case("a JSON array", raw(b"[1, 2, 3]"), 400, "not_an_object"),
    Case("JSON null", raw(b"null"), 400, "not_an_object"),
    Case("nested 200 deep", lambda h, ctx: {**message(h), "value": nested(200)}, 400, "too_deep"),
    Case("text as a number", lambda h, ctx: {**message(h), "text": 12345}, 400, "bad_field:text"),
    Case("conversation as a string", lambda h, ctx: {**message(h), "conversation": "x"}, 400, "bad_field:conversation"),
    Case("value as a string", lambda h, ctx: {**message(h), "value": "esc.claim"}, 400, "bad_field:value"),
    Case("sender id as a list", lambda h, ctx: {**message(h), "from": {"id": ["x"]}}, 400, "bad_field:from.id"),
    Case("not JSON", raw(b"type=message"), 415, "unsupported_media_type", content_type="text/plain"),
    Case("no conversation", lambda h, ctx: without(message(h), "conversation"), 400, "missing_field:conversation.id"),
    Case("no serviceUrl", lambda h, ctx: without(message(h), "serviceUrl"), 400, "missing_field:serviceUrl"),
    Case("no recipient", lambda h, ctx: without(message(h), "recipient"), 400, "missing_field:recipient.id"),
    Case("no sender", lambda h, ctx: without(message(h), "from"), 400, "missing_field:from.id"),
    Case("no type", lambda h, ctx: without(message(h), "type"), 400, "missing_field:type"),
    Case(
        "javascript: serviceUrl",
        lambda h, ctx: {**message(h), "serviceUrl": "javascript:alert(1)"},
        400,
        "bad_service_url",
    ),
    Case(
        "plain http to another host",
        lambda h, ctx: {**message(h), "serviceUrl": "http://evil.example/"},
        400,
        "bad_service_url",
    ),
    Case(
        "members not objects",
        lambda h, ctx: {**act.install(ANNA, h.connector.url), "membersAdded": ["x"]},
        400,
        "bad_field:membersAdded",
    ),
    Case("over 1 MB", lambda h, ctx: {**message(h), "text": "x" * 1_100_000}, 413),
    Case(
        "förläng with an overflowing number",
        lambda h, ctx: message(h, "förläng 9999999999", BERTIL),
        201,
        reply="Sluttiden får ligga högst",
    ),
    Case(
        "someone else's session id on a card",
        lambda h, ctx: act.personal_submit(
            BERTIL, h.connector.url, {"verb": verbs.SESSION_CONFIRM, "session": ctx["session"]}
        ),
        201,
        reply="Jag hittar inte den bevakningen.",
    ),
    Case(
        "forged card data: a made-up verb",
        lambda h, ctx: act.personal_submit(ANNA, h.connector.url, {"verb": "admin.delete_everything"}),
        201,
        reply="Om Teams inte fungerar: ring trygghetscentralen",  # the help card's text
    ),
    Case(
        "an operator button pressed outside the channel by a non-operator",
        lambda h, ctx: act.personal_submit(
            BERTIL, h.connector.url, {"verb": "esc.claim", "owner": ANNA.aad, "session": ctx["session"]}
        ),
        201,
        reply="Bara trygghetscentralens operatörer kan hantera larm. Försöket har loggats.",
        audited=1,
    ),
    Case(
        "a foreign tenant",
        lambda h, ctx: {**message(h), "channelData": {"tenant": {"id": "11111111-0000-4000-8000-00000000beef"}}},
        201,
    ),
    Case(
        "a button on a session that is over",
        lambda h, ctx: act.personal_submit(
            EMMA, h.connector.url, {"verb": verbs.SESSION_CONFIRM, "session": ctx["closed"]}
        ),
        201,
        reply="This check-in has already ended.",
    ),
    Case(
        "a replayed old card (another sluttid)",
        lambda h, ctx: act.personal_submit(
            BERTIL,
            h.connector.url,
            {
                "verb": verbs.SESSION_EXTEND,
                "session": ctx["bertil"],
                "end": "2026-11-25T11:00:00+00:00",
                "minutes": "30",
            },
        ),
        201,
        reply="Sluttiden är redan ändrad till",
    ),
]


async def prepared(harness: BotHarness) -> Context:
    """Anna's session escalated and its card posted: the state every case tries to disturb."""
    session, thread = await escalated(harness)
    await harness.say(BERTIL, "hjälp")  # Bertil's profile exists: his turns have nothing new to write
    bertil = await register(harness, BERTIL, end_time="14:30")  # and a watch running (not escalated) to extend
    closed = await register(harness, EMMA, end_time="14:30")
    await harness.services.sessions.cancel(person(EMMA), closed.session.id)  # Emma's watch is over
    return {
        "session": session.session.id,
        "thread": thread.conversation_id,
        "card": thread.card_id,
        "closed": closed.session.id,
        "bertil": bertil.session.id,
    }


@pytest.fixture
def bot_env(bot_env: dict[str, str]) -> dict[str, str]:
    # the limit has its own test; only the test activities' tenant is allowed, so another one is foreign
    return {**bot_env, "TRYGGHET_RATE_LIMIT_TURNS": "1000", "TRYGGHET_ALLOWED_TENANTS": TENANT}


async def post(harness: BotHarness, case: Case, ctx: Context) -> tuple[int, str]:
    body = case.body(harness, ctx)
    data = body if isinstance(body, bytes) else json.dumps(body).encode()
    response = await harness.client.post("/api/messages", data=data, headers={"Content-Type": case.content_type})
    return response.status, await response.text()


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
async def test_hostile_input_gets_its_answer_and_changes_nothing(
    harness: BotHarness, case: Case, caplog: pytest.LogCaptureFixture
) -> None:
    ctx = await prepared(harness)
    store: TableStore = harness.services.store
    before = await snapshot(store)
    sent_before = len(harness.connector.sent_activities())

    status, text = await post(harness, case, ctx)

    assert status == case.status, text
    if case.reason:
        assert json.loads(text) == {"error": case.reason}
    replies = texts_in(harness.connector.sent_activities()[sent_before:])
    if case.reply:
        assert replies and replies[0].startswith(case.reply), replies
    elif case.status != 201:
        assert replies == []
    diff = changes(before, await snapshot(store))
    if case.audited:
        assert list(diff) == ["audit"] and len(diff["audit"]) == case.audited and diff["audit"][0].startswith("+")
    else:
        assert diff == {}
    assert not [r for r in caplog.records if r.exc_info], "a traceback was logged"
    harness.connector.acknowledge()  # the cards of the escalation set up above
