"""POST /api/messages, the service's only door for Teams: every request is checked here before a turn runs.

In order, each refusal a short JSON reason and nothing changed, never a traceback:
- 415 for a body that is not JSON by its content type; 413 (aiohttp) for one over the size limit;
- 400 for a body that is not a JSON object (invalid, empty, an array, null, nested deeper than MAX_DEPTH) and
  for an activity without the fields its type needs, with a field of the wrong type, or with a serviceUrl that is
  not https (plain http only to localhost, and only in local mode);
- 401 for a missing, forged, expired, unsigned or wrong-audience token when an app id is configured, 400 when
  the token is genuine but names another serviceUrl than the activity;
- 503 when the token cannot be checked because the signing keys cannot be fetched (logged once a minute).
Only then does botbuilder run the turn. botbuilder raises anything from PermissionError to a bare Exception or
IndexError while authenticating, so everything raised before the turn starts counts as an authentication failure.
"""

from __future__ import annotations

import json
import logging
import time
from collections.abc import Mapping
from typing import Any
from urllib.parse import urlsplit

import requests
from aiohttp import ClientError, web
from botbuilder.core import Bot, TurnContext, serializer_helper
from botbuilder.integration.aiohttp import CloudAdapter
from botbuilder.schema import Activity

from bot import telemetry

log = logging.getLogger(__name__)

MAX_DEPTH = 32  # Teams activities nest about 6 deep; a card submit's value a few more
LOCAL_HOSTS = frozenset({"localhost", "127.0.0.1", "::1"})
# The activity types that come from a person and are answered: they need a sender and a recipient.
FROM_A_PERSON = frozenset({"message", "invoke", "messageReaction", "conversationUpdate", "installationUpdate"})
Types = dict[str, type | tuple[type, ...]]
_ACCOUNT: Types = {"id": str, "name": str, "aadObjectId": str, "role": str}
_FIELDS: Types = {
    "type": str,
    "id": str,
    "serviceUrl": str,
    "channelId": str,
    "from": dict,
    "recipient": dict,
    "conversation": dict,
    "text": str,
    "textFormat": str,
    "locale": str,
    "replyToId": str,
    "name": str,
    "action": str,
    "timestamp": str,
    "localTimestamp": str,
    "value": dict,
    "channelData": dict,
    "attachments": list,
    "entities": list,
    "membersAdded": list,
    "membersRemoved": list,
}
_NESTED: dict[str, Types] = {
    "from": _ACCOUNT,
    "recipient": _ACCOUNT,
    "conversation": {"id": str, "conversationType": str, "tenantId": str, "isGroup": bool, "name": str},
}


class Refused(Exception):
    """A request the edge turns away: HTTP status and a short machine-readable reason."""

    def __init__(self, status: int, reason: str) -> None:
        super().__init__(reason)
        self.status = status
        self.reason = reason

    def response(self) -> web.Response:
        return web.json_response({"error": self.reason}, status=self.status)


def parse_body(raw: bytes) -> dict[str, Any]:
    """The request body as a JSON object, or Refused(400)."""
    if not raw.strip():
        raise Refused(400, "empty_body")
    try:
        body = json.loads(raw)
    except (ValueError, RecursionError):
        raise Refused(400, "invalid_json") from None
    if not isinstance(body, dict):
        raise Refused(400, "not_an_object")
    if _depth(body) > MAX_DEPTH:
        raise Refused(400, "too_deep")
    return body


def _depth(value: Any) -> int:
    deepest, stack = 0, [(value, 1)]
    while stack:
        node, level = stack.pop()
        deepest = max(deepest, level)
        if deepest > MAX_DEPTH:
            return deepest
        children = node.values() if isinstance(node, dict) else node if isinstance(node, list) else ()
        stack.extend((child, level + 1) for child in children if isinstance(child, dict | list))
    return deepest


def check_activity(body: Mapping[str, Any], *, local_mode: bool) -> None:
    """Refused(400) unless `body` has the fields its type needs, each of the right type."""
    _check_types(body, _FIELDS, "")
    for name, fields in _NESTED.items():
        if isinstance(body.get(name), dict):
            _check_types(body[name], fields, f"{name}.")
    for name in ("membersAdded", "membersRemoved", "attachments", "entities"):
        if any(not isinstance(item, dict) for item in body.get(name) or []):
            raise Refused(400, f"bad_field:{name}")
    for member in [*(body.get("membersAdded") or []), *(body.get("membersRemoved") or [])]:
        _check_types(member, _ACCOUNT, "member.")
    kind = body.get("type")
    if not kind:
        raise Refused(400, "missing_field:type")
    required = ["serviceUrl", "channelId", "conversation.id"]
    if kind in FROM_A_PERSON:
        required += ["from.id", "recipient.id"]
    for path in required:
        if not _present(body, path):
            raise Refused(400, f"missing_field:{path}")
    if not service_url_allowed(body["serviceUrl"], local_mode=local_mode):
        raise Refused(400, "bad_service_url")


def _check_types(values: Mapping[str, Any], fields: Mapping[str, type | tuple[type, ...]], prefix: str) -> None:
    for name, expected in fields.items():
        value = values.get(name)
        if value is not None and not isinstance(value, expected):
            raise Refused(400, f"bad_field:{prefix}{name}")


def _present(body: Mapping[str, Any], path: str) -> bool:
    node: Any = body
    for part in path.split("."):
        node = node.get(part) if isinstance(node, dict) else None
    return isinstance(node, str) and bool(node.strip())


def service_url_allowed(url: str, *, local_mode: bool) -> bool:
    """https to a named host; plain http only to this machine, and only in local mode (Playground, tests)."""
    try:
        parts = urlsplit(url)
        host = parts.hostname or ""
    except ValueError:
        return False
    if parts.scheme == "https":
        return bool(host)
    return local_mode and parts.scheme == "http" and host in LOCAL_HOSTS


class KeyFetchLog:
    """One log line a minute, not one per request, while the signing keys cannot be fetched."""

    def __init__(self, every: float = 60.0) -> None:
        self._every = every
        self._last = float("-inf")

    def note(self, exc: BaseException) -> None:
        now = time.monotonic()
        if now - self._last >= self._every:
            self._last = now
            log.error("token signing keys could not be fetched (%s); answering 503", type(exc).__name__)


_UNREACHABLE = (requests.RequestException, ClientError, OSError, TimeoutError)


async def handle(request: web.Request, adapter: CloudAdapter, bot: Bot, local_mode: bool, keys: KeyFetchLog) -> Any:
    """The whole edge: the checks above, then the turn."""
    try:
        if request.content_type != "application/json":
            raise Refused(415, "unsupported_media_type")
        body = parse_body(await request.read())
        check_activity(body, local_mode=local_mode)
        try:
            activity = Activity().deserialize(body)
        except Exception:
            raise Refused(400, "bad_activity") from None
        with telemetry.correlated("turn", activity_type=str(activity.type or ""), channel=str(activity.channel_id)):
            return await _run(activity, request.headers.get("Authorization", ""), adapter, bot, keys)
    except Refused as refused:
        return refused.response()


async def _run(activity: Activity, auth_header: str, adapter: CloudAdapter, bot: Bot, keys: KeyFetchLog) -> Any:
    started = False

    async def logic(context: TurnContext) -> None:
        nonlocal started
        started = True
        await bot.on_turn(context)

    try:
        invoke = await adapter.process_activity(auth_header, activity, logic)
    except Exception as exc:
        if started:
            log.error("turn failed after the adapter's error handler (%s)", type(exc).__name__)
            return web.json_response({"error": "internal"}, status=500)
        if isinstance(exc, PermissionError):  # botbuilder's refusal (PermissionError is an OSError: first)
            if str(exc) == "Invalid 'serviceurl' claim":
                raise Refused(400, "service_url_mismatch") from None  # a genuine token, for another serviceUrl
        elif isinstance(exc, _UNREACHABLE):
            keys.note(exc)
            raise Refused(503, "token_keys_unavailable") from None
        log.info("request refused: not authenticated (%s)", type(exc).__name__)
        raise Refused(401, "unauthorized") from None
    if invoke:
        return web.json_response(data=serializer_helper(invoke.body), status=invoke.status)
    return web.Response(status=201)
