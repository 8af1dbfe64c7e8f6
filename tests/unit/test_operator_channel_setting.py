"""TRYGGHET_OPERATOR_CHANNEL's format, the stored binding's shape, and how notification routes of the user's
side and the operators' side become named parts of one event kind."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from bot.domain.events import Event, EventKind
from bot.domain.model import Actor
from bot.services.operator_channel import ChannelBinding, parse_channel_setting
from bot.teams.notifier import NotifyContext, TeamsNotifier
from bot.teams.notify_routes import merge_routes

TEAM = "19:team-abc@thread.tacv2"
CHANNEL = "19:channel-def@thread.tacv2"
URL = "https://smba.trafficmanager.net/emea/"


def test_the_setting_names_team_channel_service_url_and_tenant() -> None:
    setting = parse_channel_setting(f" {TEAM} | {CHANNEL} | {URL} | tenant-1 ")
    assert (setting.team_id, setting.channel_id, setting.service_url, setting.tenant_id) == (
        TEAM,
        CHANNEL,
        URL,
        "tenant-1",
    )


def test_without_a_tenant_the_single_allowed_tenant_is_used() -> None:
    assert parse_channel_setting(f"{TEAM}|{CHANNEL}|{URL}", frozenset({"t-9"})).tenant_id == "t-9"
    assert parse_channel_setting(f"{TEAM}|{CHANNEL}|{URL}", frozenset({"a", "b"})).tenant_id == ""
    assert parse_channel_setting(f"{TEAM}|{CHANNEL}|https://example.org/x").service_url == "https://example.org/x/"


@pytest.mark.parametrize(
    "text",
    ["", CHANNEL, f"{TEAM}|{CHANNEL}", f"{TEAM}||{URL}", f"{TEAM}|{CHANNEL}|smba.example", f"{TEAM}|bad id|{URL}"],
)
def test_a_malformed_setting_is_refused(text: str) -> None:
    with pytest.raises(ValueError):
        parse_channel_setting(text)


def test_a_binding_covers_its_channel_and_its_team() -> None:
    binding = ChannelBinding(CHANNEL, TEAM, "t", URL)
    assert binding.covers(TEAM, CHANNEL)
    assert binding.covers(TEAM, "19:other-channel@thread.tacv2")  # same team: its members are operators
    assert not binding.covers("19:other-team@thread.tacv2", "19:other-channel@thread.tacv2")
    assert not binding.covers("", "")
    assert ChannelBinding.from_value(binding.to_value()) == binding
    assert ChannelBinding.from_value({"channel_id": ""}) is None
    assert ChannelBinding.from_value(None) is None


def test_an_event_kind_for_several_audiences_has_one_named_part_each_in_order() -> None:
    async def user_side(ctx: NotifyContext, session: object, event: Event) -> dict[str, str]:
        return {}

    async def channel_side(ctx: NotifyContext, session: object, event: Event) -> dict[str, str]:
        return {"card": "1"}

    routes = merge_routes(user={EventKind.CONFIRMED: user_side}, operators={EventKind.CONFIRMED: channel_side})
    assert list(routes[EventKind.CONFIRMED]) == ["user", "operators"]
    notifier = TeamsNotifier(None, routes)  # type: ignore[arg-type]
    event = Event(EventKind.CONFIRMED, datetime(2026, 1, 1, tzinfo=UTC), Actor.system())
    assert notifier.parts(event) == ("user", "operators")
    assert notifier.parts(Event(EventKind.REGISTERED, event.at, Actor.system())) == ()
