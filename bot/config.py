"""Configuration from environment variables, checked once at start-up; a bad value names its variable."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import time, timedelta

from bot.domain.policy import Policy, parse_duration


class ConfigError(ValueError):
    def __init__(self, variable: str, problem: str) -> None:
        super().__init__(f"{variable}: {problem}")
        self.variable = variable


@dataclass(frozen=True)
class Config:
    port: int = 3978
    storage: str = ""  # connection string
    storage_url: str = ""  # account URL, used with managed identity
    table_prefix: str = ""
    app_id: str = ""
    app_password: str = ""
    app_type: str = "MultiTenant"
    app_tenant_id: str = ""
    policy: Policy = field(default_factory=Policy)
    admins: frozenset[str] = frozenset()
    allowed_tenants: frozenset[str] = frozenset()
    operator_channel: str = ""
    sweep_interval: timedelta = timedelta(seconds=5)
    purge_at: time = time(3, 15)
    log_level: str = "INFO"
    log_format: str = "text"  # or "json": one object a line (the default in Azure, set by infra/main.bicep)
    appinsights_connection_string: str = ""  # telemetry to Application Insights when set (bot/telemetry.py)
    # Per sender: at most rate_limit_turns messages within rate_limit_window; past that one polite notice.
    rate_limit_turns: int = 10
    rate_limit_window: timedelta = timedelta(seconds=10)
    # Where botbuilder fetches the Bot Connector's token signing keys ("" = Microsoft's public cloud default).
    openid_metadata_url: str = ""
    # Calls to Teams a second, per conversation and for the whole app (Microsoft's limits; 0 = no pacing).
    pace_conversation: float = 7.0
    pace_app: float = 50.0

    @property
    def local_mode(self) -> bool:
        """No app id: local development against the Playground or a test connector, no authentication."""
        return not self.app_id


# (variable, Policy field) pairs for the durations the README documents
DURATION_VARIABLES = {
    "TRYGGHET_REMINDER_LEAD": "reminder_lead",
    "TRYGGHET_REMINDER_EARLY": "reminder_early",
    "TRYGGHET_GRACE": "grace",
    "TRYGGHET_CALL_INTERVAL": "call_interval",
    "TRYGGHET_UNCLAIMED_RENOTIFY": "unclaimed_renotify",
    "TRYGGHET_CLAIM_STALE": "claim_stale",
    "TRYGGHET_MAX_SESSION": "max_session",
    "TRYGGHET_RETENTION": "retention",
}
_PREFIX = re.compile(r"^[A-Za-z][A-Za-z0-9]{0,19}$")
_IDS = re.compile(r"^[A-Za-z0-9:._@-]+$")


def _ids(env: Mapping[str, str], name: str) -> frozenset[str]:
    values = {v.strip() for v in env.get(name, "").replace(";", ",").split(",") if v.strip()}
    for value in values:
        if not _IDS.match(value):
            raise ConfigError(name, f"not an id: {value!r}")
    return frozenset(values)


def load_config(env: Mapping[str, str]) -> Config:
    def get(name: str, default: str = "") -> str:
        return env.get(name, default).strip()

    port_text = get("PORT", "3978")
    if not port_text.isdigit() or not 0 < int(port_text) < 65536:
        raise ConfigError("PORT", f"not a port number: {port_text!r}")

    storage, storage_url = get("TRYGGHET_STORAGE"), get("TRYGGHET_STORAGE_URL")
    if storage and storage_url:
        raise ConfigError("TRYGGHET_STORAGE_URL", "set either TRYGGHET_STORAGE or TRYGGHET_STORAGE_URL, not both")
    if storage and storage != "UseDevelopmentStorage=true" and "=" not in storage:
        raise ConfigError("TRYGGHET_STORAGE", "not a connection string")
    if storage_url and not storage_url.startswith(("https://", "http://")):
        raise ConfigError("TRYGGHET_STORAGE_URL", "not an account URL")
    if not storage and not storage_url:
        raise ConfigError("TRYGGHET_STORAGE", "no storage configured (set TRYGGHET_STORAGE or TRYGGHET_STORAGE_URL)")

    prefix = get("TRYGGHET_TABLE_PREFIX")
    if prefix and not _PREFIX.match(prefix):
        raise ConfigError("TRYGGHET_TABLE_PREFIX", "letters and digits, starting with a letter, at most 20")

    policy_values: dict[str, object] = {}
    for variable, field_name in DURATION_VARIABLES.items():
        if get(variable):
            try:
                policy_values[field_name] = parse_duration(get(variable))
            except ValueError as exc:
                raise ConfigError(variable, str(exc)) from None
    policy = Policy().with_values(**policy_values)

    def duration(name: str, default: timedelta) -> timedelta:
        if not get(name):
            return default
        try:
            return parse_duration(get(name))
        except ValueError as exc:
            raise ConfigError(name, str(exc)) from None

    sweep = duration("TRYGGHET_SWEEP_INTERVAL", timedelta(seconds=5))

    purge_at = time(3, 15)
    if get("TRYGGHET_PURGE_AT"):
        try:
            purge_at = time.fromisoformat(get("TRYGGHET_PURGE_AT"))
        except ValueError:
            raise ConfigError("TRYGGHET_PURGE_AT", "use HH:MM (Europe/Stockholm)") from None

    turns_text = get("TRYGGHET_RATE_LIMIT_TURNS", "10")
    if not turns_text.isdigit() or not 1 <= int(turns_text) <= 1000:
        raise ConfigError("TRYGGHET_RATE_LIMIT_TURNS", "a whole number from 1 to 1000")
    window = duration("TRYGGHET_RATE_LIMIT_WINDOW", timedelta(seconds=10))
    metadata_url = get("TRYGGHET_OPENID_METADATA_URL")
    if metadata_url and not metadata_url.startswith(("https://", "http://127.0.0.1", "http://localhost")):
        raise ConfigError("TRYGGHET_OPENID_METADATA_URL", "an https URL (http only to this machine)")

    def rate(name: str, default: float) -> float:
        text = get(name, str(default))
        try:
            value = float(text)
        except ValueError:
            raise ConfigError(name, f"calls a second, a number (0 = no pacing): {text!r}") from None
        if not 0 <= value <= 10_000:
            raise ConfigError(name, "calls a second, from 0 (no pacing) to 10000")
        return value

    pace_conversation = rate("TRYGGHET_PACE_CONVERSATION", 7.0)
    pace_app = rate("TRYGGHET_PACE_APP", 50.0)

    app_type = get("MicrosoftAppType", "MultiTenant") or "MultiTenant"
    if app_type not in ("MultiTenant", "SingleTenant", "UserAssignedMSI"):
        raise ConfigError("MicrosoftAppType", "MultiTenant, SingleTenant or UserAssignedMSI")
    if app_type != "MultiTenant" and get("MicrosoftAppId") and not get("MicrosoftAppTenantId"):
        raise ConfigError("MicrosoftAppTenantId", f"required with MicrosoftAppType={app_type}")

    level = get("TRYGGHET_LOG_LEVEL", "INFO").upper()
    if level not in ("DEBUG", "INFO", "WARNING", "ERROR"):
        raise ConfigError("TRYGGHET_LOG_LEVEL", "DEBUG, INFO, WARNING or ERROR")
    log_format = get("TRYGGHET_LOG_FORMAT", "text").lower()
    if log_format not in ("text", "json"):
        raise ConfigError("TRYGGHET_LOG_FORMAT", "text or json")

    return Config(
        port=int(port_text),
        storage=storage,
        storage_url=storage_url,
        table_prefix=prefix,
        app_id=get("MicrosoftAppId"),
        app_password=get("MicrosoftAppPassword"),
        app_type=app_type,
        app_tenant_id=get("MicrosoftAppTenantId"),
        policy=policy,
        admins=_ids(env, "TRYGGHET_ADMINS"),
        allowed_tenants=_ids(env, "TRYGGHET_ALLOWED_TENANTS"),
        operator_channel=get("TRYGGHET_OPERATOR_CHANNEL"),
        sweep_interval=sweep,
        purge_at=purge_at,
        log_level=level,
        log_format=log_format,
        appinsights_connection_string=get("APPLICATIONINSIGHTS_CONNECTION_STRING"),
        rate_limit_turns=int(turns_text),
        rate_limit_window=window,
        openid_metadata_url=metadata_url,
        pace_conversation=pace_conversation,
        pace_app=pace_app,
    )
