"""A local stand-in for the Bot Connector REST API (the service a bot posts its replies and cards to).

Tests point an activity's `serviceUrl` at it, so botbuilder's outbound calls (sent with `requests` from a
thread pool) land here, are recorded, and are answered the way Teams answers them. No tokens are needed:
with an empty app id (local mode) botbuilder sends unauthenticated requests, and if an `Authorization`
header does arrive it is only recorded, never checked.
"""

from __future__ import annotations

import asyncio
import itertools
import json
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from typing import Any

from aiohttp import web
from aiohttp.test_utils import TestServer

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]

TENANT_ID = "72f988bf-0000-4000-8000-00000000a001"

DEFAULT_MEMBERS: list[dict[str, Any]] = [
    {
        "id": "29:1user-anna-andersson",
        "name": "Anna Andersson",
        "aadObjectId": "00000000-0000-4000-8000-000000000001",
        "givenName": "Anna",
        "surname": "Andersson",
        "email": "anna.andersson@example.org",
        "userPrincipalName": "anna.andersson@example.org",
        "tenantId": TENANT_ID,
        "userRole": "user",
    }
]


@dataclass
class RecordedCall:
    """One request as the stand-in received it."""

    method: str
    path: str
    route: str | None
    params: dict[str, str]
    query: dict[str, str]
    headers: dict[str, str]
    body: Any
    status: int = 0
    response: Any = None  # the JSON the stand-in answered (e.g. {"id": ...} for a posted activity)
    # The teardown net (GoAlert's smoke harness does the same): a proactive call (not the reply to the test's own
    # message) must be looked at by the test through one of the queries below, or the test fails at teardown.
    proactive: bool = True
    seen: bool = False
    at: float = field(default_factory=time.time)  # when it arrived (wall clock), for the benchmarks' lag


@dataclass(frozen=True)
class Fault:
    """What one call meets: a refusal with `status` (and Teams' Retry-After), or, with `hang`, no answer for that
    many seconds first (status 0 then means the call succeeds after the wait)."""

    status: int = 503
    retry_after: float | None = None
    hang: float = 0.0


@dataclass
class BotConnectorStub:
    """Routes, records and answers Bot Connector calls. Edit `members`/`channels` to shape the answers."""

    url: str = ""
    calls: list[RecordedCall] = field(default_factory=list)
    members: list[dict[str, Any]] = field(default_factory=lambda: [dict(m) for m in DEFAULT_MEMBERS])
    channels: list[dict[str, Any]] = field(default_factory=list)
    # conversation id (a channel's id for new threads) -> the faults its next calls meet, one each, in order
    faults: dict[str, list[Fault]] = field(default_factory=dict)
    server: TestServer | None = None  # set by running_connector
    # OneDrive's side of Teams' file flow: a file's name -> the bytes PUT to its upload URL; and what it answers
    uploads: dict[str, bytes] = field(default_factory=dict)
    upload_status: int = 201

    async def go_away(self) -> None:
        """Close the port: every call is refused at the TCP level, as when Teams is unreachable."""
        if self.server is not None:
            await self.server.close()

    async def come_back(self) -> None:
        """Listen on the same port again, with what was recorded kept."""
        port = int(self.url.rstrip("/").rsplit(":", 1)[1])
        self.server = TestServer(self.make_app(), host="127.0.0.1", port=port)
        await self.server.start_server()

    _ids: itertools.count[int] = field(default_factory=lambda: itertools.count(1_700_000_000_001))

    # -- what the tests ask ------------------------------------------------------------------------

    def sent_activities(self, conversation_id: str | None = None) -> list[dict[str, Any]]:
        """Bodies of activities posted (sent or replied) and accepted, oldest first, optionally for one
        conversation."""
        calls = self._calls_to({"send_activity", "reply_to_activity"}, conversation_id)
        return [call.body for call in calls if 200 <= call.status < 400]

    def said_to(self, conversation_id: str) -> list[str]:
        """What each activity posted into the conversation says at a glance: its summary (a card's notification
        text) or its text."""
        return [a.get("summary") or a.get("text") or "" for a in self.sent_activities(conversation_id)]

    def sent_ids(self, conversation_id: str | None = None) -> list[str]:
        """The ids the stand-in gave the posted activities, in the order of `sent_activities()`."""
        calls = self._calls_to({"send_activity", "reply_to_activity"}, conversation_id)
        return [str((call.response or {}).get("id", "")) for call in calls if 200 <= call.status < 400]

    def updates(self, conversation_id: str | None = None) -> list[dict[str, Any]]:
        """Bodies of activity updates (PUT), oldest first, optionally for one conversation."""
        return [call.body for call in self._calls_to({"update_activity"}, conversation_id)]

    def deletes(self, conversation_id: str | None = None) -> list[str]:
        """Ids of deleted activities, oldest first, optionally for one conversation."""
        return [call.params["activityId"] for call in self._calls_to({"delete_activity"}, conversation_id)]

    def created_conversations(self) -> list[dict[str, Any]]:
        """Bodies of `POST /v3/conversations` (new channel threads and 1:1 chats), oldest first."""
        return [call.body for call in self._calls_to({"create_conversation"}, None)]

    def clear(self) -> None:
        """Forget the recorded calls (the ids keep counting, so they stay unique)."""
        self.calls.clear()

    async def wait_for_activities(self, count: int, timeout: float = 5.0) -> list[dict[str, Any]]:
        """Wait until at least `count` activities were posted; return them all."""
        deadline = asyncio.get_running_loop().time() + timeout
        while len(self.sent_activities()) < count:
            if asyncio.get_running_loop().time() > deadline:
                raise TimeoutError(f"expected {count} activities, got {len(self.sent_activities())}")
            await asyncio.sleep(0.01)
        return self.sent_activities()

    def _calls_to(self, routes: set[str], conversation_id: str | None) -> list[RecordedCall]:
        found = [
            call
            for call in self.calls
            if call.route in routes
            and (conversation_id is None or call.params.get("conversationId") == conversation_id)
        ]
        for call in found:
            call.seen = True
        return found

    def replies_to(self, conversation_id: str, since: int) -> None:
        """Calls from index `since` into the conversation a test's own message came from are its replies (the
        test gets them back from say/submit), not proactive messages."""
        for call in self.calls[since:]:
            if call.params.get("conversationId") == conversation_id:
                call.proactive = False

    def acknowledge(self) -> None:
        """Count everything sent so far as looked at: for setup helpers whose traffic other tests assert."""
        for call in self.calls:
            call.seen = True

    def unseen(self) -> list[RecordedCall]:
        """Proactive posts, updates and new conversations that no query returned to the test."""
        outbound = {"send_activity", "reply_to_activity", "update_activity", "create_conversation", "delete_activity"}
        return [c for c in self.calls if c.route in outbound and c.proactive and not c.seen and c.status < 400]

    # -- the service -------------------------------------------------------------------------------

    def next_id(self) -> str:
        return str(next(self._ids))

    def make_app(self) -> web.Application:
        app = web.Application(middlewares=[self._record])
        conversation = "/v3/conversations/{conversationId}"
        activity = conversation + "/activities/{activityId}"
        # The route names are what RecordedCall.route says and what the query helpers above filter on.
        routes = [
            ("POST", "/v3/conversations", self._create_conversation, "create_conversation"),
            ("POST", conversation + "/activities/history", self._send_activity, "send_history"),
            ("POST", conversation + "/activities", self._send_activity, "send_activity"),
            ("POST", activity, self._send_activity, "reply_to_activity"),
            ("PUT", activity, self._update_activity, "update_activity"),
            ("DELETE", activity, self._delete_activity, "delete_activity"),
            ("GET", conversation + "/members", self._members, "get_members"),
            ("GET", conversation + "/pagedmembers", self._paged_members, "get_paged_members"),
            ("GET", conversation + "/members/{memberId}", self._member, "get_member"),
            ("GET", "/v3/teams/{teamId}", self._team_details, "get_team_details"),
            ("GET", "/v3/teams/{teamId}/conversations", self._team_channels, "get_team_channels"),
            ("PUT", "/upload/{name}", self._upload, "upload_file"),
            ("*", "/{tail:.*}", self._not_found, "not_found"),
        ]
        for method, path, handler, name in routes:
            app.router.add_route(method, path, handler, name=name)
        return app

    @web.middleware
    async def _record(self, request: web.Request, handler: Handler) -> web.StreamResponse:
        raw = await request.read()
        body: Any = None
        if raw:
            try:
                body = json.loads(raw)
            except ValueError:
                body = raw.decode("utf-8", "replace")
        call = RecordedCall(
            method=request.method,
            path=request.path,
            route=request.match_info.route.name,
            params=dict(request.match_info),
            query=dict(request.query),
            headers=dict(request.headers),
            body=body,
        )
        self.calls.append(call)
        response = await self._fault(call) or await handler(request)
        call.status = response.status
        if isinstance(response, web.Response) and response.content_type == "application/json" and response.body:
            call.response = json.loads(response.body)  # type: ignore[arg-type]
        return response

    def fail(self, conversation_id: str, *faults: Fault) -> None:
        """The next calls into the conversation (or new threads in the channel) meet `faults`, one each."""
        self.faults.setdefault(conversation_id, []).extend(faults)

    async def _fault(self, call: RecordedCall) -> web.Response | None:
        target = call.params.get("conversationId", "")
        if call.route == "create_conversation" and isinstance(call.body, dict):
            target = str(((call.body.get("channelData") or {}).get("channel") or {}).get("id", ""))
        queue = self.faults.get(target)
        if call.route not in _FAULTABLE or not queue:
            return None
        fault = queue.pop(0)
        if fault.hang:
            await asyncio.sleep(fault.hang)
        if not fault.status:
            return None
        headers = {"Retry-After": str(fault.retry_after)} if fault.retry_after is not None else None
        body = {"error": {"code": "Fault", "message": "the stand-in was told to fail this call"}}
        return web.json_response(body, status=fault.status, headers=headers)

    async def _send_activity(self, request: web.Request) -> web.Response:
        return web.json_response({"id": self.next_id()})

    async def _update_activity(self, request: web.Request) -> web.Response:
        return web.json_response({"id": request.match_info["activityId"]})

    async def _delete_activity(self, request: web.Request) -> web.Response:
        return web.Response(status=200)

    async def _create_conversation(self, request: web.Request) -> web.Response:
        body = await request.json()
        channel_id = ((body.get("channelData") or {}).get("channel") or {}).get("id")
        if channel_id:  # a new thread in a Teams channel: "<channel>;messageid=<first message id>"
            first = self.next_id()
            return web.json_response({"id": f"{channel_id};messageid={first}", "activityId": first})
        answer = {"id": f"a:1personal-chat-{self.next_id()}"}  # a 1:1 chat with the bot
        if body.get("activity"):
            answer["activityId"] = self.next_id()
        return web.json_response(answer)

    async def _members(self, request: web.Request) -> web.Response:
        return web.json_response(self.members)

    async def _paged_members(self, request: web.Request) -> web.Response:
        return web.json_response({"members": self.members})

    async def _member(self, request: web.Request) -> web.Response:
        wanted = request.match_info["memberId"]
        for member in self.members:
            if wanted in (member.get("id"), member.get("aadObjectId"), member.get("userPrincipalName")):
                return web.json_response(member)
        return _error(404, "MemberNotFoundInConversation", "The member is not part of the conversation.")

    async def _team_details(self, request: web.Request) -> web.Response:
        team_id = request.match_info["teamId"]
        return web.json_response(
            {"id": team_id, "name": "Trygghetstjänsten", "aadGroupId": "00000000-0000-4000-8000-0000000000aa"}
        )

    async def _team_channels(self, request: web.Request) -> web.Response:
        team_id = request.match_info["teamId"]
        # The General channel has the team's id and no name; other channels are listed by name.
        channels = self.channels or [{"id": team_id, "name": None}]
        return web.json_response({"conversations": channels})

    def upload_info(self, name: str) -> dict[str, str]:
        """The `uploadInfo` Teams puts in a `fileConsent/invoke` once the person allows the file (its upload URL
        points here instead of at the person's OneDrive)."""
        return {
            "contentUrl": f"https://contoso-my.sharepoint.com/personal/ada/Documents/Applications/Trygghet/{name}",
            "name": name,
            "uploadUrl": f"{self.url.rstrip('/')}/upload/{name}",
            "uniqueId": "1150D938-8870-4044-9F2C-5BBDEBA70C8F",
            "fileType": name.rsplit(".", 1)[-1],
        }

    async def _upload(self, request: web.Request) -> web.Response:
        data = await request.read()
        expected = f"bytes 0-{len(data) - 1}/{len(data)}"
        if request.headers.get("Content-Range") != expected:
            return _error(400, "InvalidRange", f"expected Content-Range {expected}")
        if self.upload_status >= 300:
            return _error(self.upload_status, "UploadFailed", "the stand-in was told to refuse the upload")
        self.uploads[request.match_info["name"]] = data
        return web.json_response({"id": "01ABC", "name": request.match_info["name"], "size": len(data)}, status=201)

    async def _not_found(self, request: web.Request) -> web.Response:
        return _error(404, "NotFound", f"{request.method} {request.path} is not part of the stand-in")


_FAULTABLE = {"send_activity", "reply_to_activity", "update_activity", "create_conversation", "get_paged_members"}


def _error(status: int, code: str, message: str) -> web.Response:
    return web.json_response({"error": {"code": code, "message": message}}, status=status)


@asynccontextmanager
async def running_connector(host: str = "127.0.0.1") -> AsyncIterator[BotConnectorStub]:
    """Serve a fresh stand-in on a free port of the running event loop; `.url` is the serviceUrl."""
    stub = BotConnectorStub()
    server = TestServer(stub.make_app(), host=host)
    await server.start_server()
    stub.url = f"http://{host}:{server.port}/"
    stub.server = server
    try:
        yield stub
    finally:
        await stub.server.close()
