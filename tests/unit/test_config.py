"""Start-up configuration: every bad value is refused with a message that names its variable."""

from __future__ import annotations

from datetime import timedelta

import pytest

from bot.config import ConfigError, load_config

BASE = {"TRYGGHET_STORAGE": "UseDevelopmentStorage=true"}


def test_defaults_follow_the_routine() -> None:
    config = load_config(BASE)
    assert config.port == 3978 and config.local_mode
    assert config.policy.reminder_lead == timedelta(minutes=10)
    assert config.policy.grace == timedelta(minutes=5)
    assert config.policy.call_interval == timedelta(minutes=5)
    assert config.policy.call_attempts == 2


def test_durations_can_be_shortened_for_a_demo() -> None:
    config = load_config({**BASE, "TRYGGHET_REMINDER_LEAD": "60", "TRYGGHET_GRACE": "PT30S"})
    assert config.policy.reminder_lead == timedelta(seconds=60)
    assert config.policy.grace == timedelta(seconds=30)


def test_teams_pace_defaults_to_microsofts_limits_and_zero_turns_it_off() -> None:
    assert (load_config(BASE).pace_conversation, load_config(BASE).pace_app) == (7.0, 50.0)
    config = load_config({**BASE, "TRYGGHET_PACE_APP": "0", "TRYGGHET_PACE_CONVERSATION": "3.5"})
    assert (config.pace_conversation, config.pace_app) == (3.5, 0.0)


def test_admins_and_tenants_are_comma_separated_ids() -> None:
    config = load_config({**BASE, "TRYGGHET_ADMINS": "a-1, b-2", "TRYGGHET_ALLOWED_TENANTS": "t-1"})
    assert config.admins == frozenset({"a-1", "b-2"})
    assert config.allowed_tenants == frozenset({"t-1"})


@pytest.mark.parametrize(
    ("env", "variable"),
    [
        ({"PORT": "http"}, "PORT"),
        ({"TRYGGHET_GRACE": "soon"}, "TRYGGHET_GRACE"),
        ({"TRYGGHET_PACE_APP": "fast"}, "TRYGGHET_PACE_APP"),
        ({"TRYGGHET_PACE_CONVERSATION": "-1"}, "TRYGGHET_PACE_CONVERSATION"),
        ({"TRYGGHET_RETENTION": "P1M"}, "TRYGGHET_RETENTION"),
        ({"TRYGGHET_STORAGE": "nonsense"}, "TRYGGHET_STORAGE"),
        ({"TRYGGHET_STORAGE": ""}, "TRYGGHET_STORAGE"),
        ({"TRYGGHET_STORAGE_URL": "https://x.table.core.windows.net"}, "TRYGGHET_STORAGE_URL"),
        ({"TRYGGHET_TABLE_PREFIX": "1bad"}, "TRYGGHET_TABLE_PREFIX"),
        ({"MicrosoftAppType": "Other"}, "MicrosoftAppType"),
        ({"MicrosoftAppType": "SingleTenant", "MicrosoftAppId": "x"}, "MicrosoftAppTenantId"),
        ({"TRYGGHET_ADMINS": "ok, not ok"}, "TRYGGHET_ADMINS"),
        ({"TRYGGHET_PURGE_AT": "3am"}, "TRYGGHET_PURGE_AT"),
    ],
)
def test_a_bad_value_names_its_variable(env: dict[str, str], variable: str) -> None:
    with pytest.raises(ConfigError) as err:
        load_config({**BASE, **env})
    assert err.value.variable == variable
    assert str(err.value).startswith(variable)
