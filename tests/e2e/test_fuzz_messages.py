"""Fuzzing /api/messages with hypothesis: arbitrary JSON; real Teams activities (messages and card submits)
with fields replaced by arbitrary values; and well-formed card submits carrying arbitrary data. The service
never answers 500, never logs a traceback, and a refused request (4xx) writes nothing to the store."""

from __future__ import annotations

import copy
import json
from typing import Any

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from tests.support import activities as act
from tests.support.activities import ANNA
from tests.support.harness import BotHarness
from tests.support.store_snapshot import changes, snapshot

JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=40),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=10), children, max_size=4),
    max_leaves=20,
)
FIELDS = [
    "type",
    "text",
    "value",
    "from",
    "recipient",
    "conversation",
    "serviceUrl",
    "channelId",
    "channelData",
    "entities",
    "attachments",
    "membersAdded",
    "replyToId",
    "locale",
    "id",
]
VERBS = [
    "session.confirm",
    "session.extend",
    "session.help",
    "esc.claim",
    "esc.close",
    "register.submit",
    "codeword.set",
    "admin.bar",
    "help",
    "",
]


@st.composite
def mutated(draw: st.DrawFn, url: str) -> dict[str, Any]:
    """A personal message or card submit from Anna with one to three fields replaced by arbitrary JSON."""
    if draw(st.booleans()):
        base = act.personal_message(ANNA, url, draw(st.text(max_size=60)))
    else:
        value = draw(
            st.dictionaries(
                st.sampled_from(["session", "end", "minutes", "attempt", "result", "note"]), JSON, max_size=4
            )
        )
        base = act.personal_submit(ANNA, url, {"verb": draw(st.sampled_from(VERBS)), **value})
    body = copy.deepcopy(base)
    for name in draw(st.lists(st.sampled_from(FIELDS), min_size=1, max_size=3, unique=True)):
        body[name] = draw(JSON)
    return body


@st.composite
def card_submits(draw: st.DrawFn, url: str) -> dict[str, Any]:
    """A well-formed card submit from Anna whose data is anything at all: forged, stale or nonsense."""
    keys = st.sampled_from(
        [
            "verb",
            "session",
            "end",
            "minutes",
            "attempt",
            "result",
            "note",
            "owner",
            "step",
            "outcome",
            "skip_reason",
            "code_word",
            "party",
            "extend_time",
        ]
    )
    value = draw(st.dictionaries(keys, JSON | st.sampled_from(VERBS), max_size=6))
    return act.personal_submit(ANNA, url, value)


async def post_json(harness: BotHarness, body: Any) -> int:
    data = json.dumps(body).encode()
    response = await harness.client.post("/api/messages", data=data, headers={"Content-Type": "application/json"})
    return response.status


@pytest.mark.traffic_unchecked("fuzzing: what the bot answers to accepted noise is not the point, its status is")
@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
async def test_no_body_gets_a_500_and_a_refused_one_writes_nothing(
    harness: BotHarness, data: st.DataObject, caplog: pytest.LogCaptureFixture
) -> None:
    url = harness.connector.url
    body = data.draw(st.one_of(JSON, mutated(url), card_submits(url), card_submits(url)), label="body")
    before = await snapshot(harness.services.store)

    status = await post_json(harness, body)

    event(f"HTTP {status}")
    assert status < 500, status
    if 400 <= status < 500:
        assert changes(before, await snapshot(harness.services.store)) == {}
    assert not [r for r in caplog.records if r.exc_info], "a traceback was logged"
