"""Teams' file flow for bots, so an admin gets the audit export (or a list as CSV or JSON) as a file in the chat.

A bot cannot attach a file to a message in a personal chat. It asks first:
1. The bot sends a *file consent card*: the file's name, size and a description, and contexts that Teams hands
   back with the answer.
2. The admin taps *Allow*. Teams creates an empty file in the admin's OneDrive and sends a `fileConsent/invoke`
   whose `uploadInfo` holds a pre-authorised `uploadUrl`. (*Decline* sends the same invoke, declined.)
3. The bot PUTs the bytes to that URL in one range, then sends a *file info card* that opens the file.

Nothing personal is kept between the steps: the contexts hold only the admin's own command words, and the file is
made again at step 3, with the role checked again for the person who tapped (bot/teams/handlers/admin_files.py).
The manifest says `supportsFiles: true`, which Teams needs for this flow.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlparse

import aiohttp
from botbuilder.core import MessageFactory
from botbuilder.schema import Activity, Attachment

CONSENT = "application/vnd.microsoft.teams.card.file.consent"
INFO = "application/vnd.microsoft.teams.card.file.info"
INVOKE = "fileConsent/invoke"
UPLOAD_TIMEOUT = aiohttp.ClientTimeout(total=30)
LOCAL_HOSTS = frozenset({"127.0.0.1", "localhost", "::1"})


class UploadRefused(Exception):
    """The upload URL is not one to send the file to, or the upload did not go through."""


def consent_activity(filename: str, size: int, description: str, context: dict[str, Any]) -> Activity:
    """The card that asks the admin to allow the file (`context` comes back with the answer)."""
    content = {
        "description": description,
        "sizeInBytes": size,
        "acceptContext": context,
        "declineContext": context,
    }
    return MessageFactory.attachment(Attachment(content_type=CONSENT, name=filename, content=content))


def info_activity(upload: dict[str, Any], text: str) -> Activity:
    """The card that opens the uploaded file, with a line saying it is there."""
    attachment = Attachment(
        content_type=INFO,
        name=str(upload.get("name") or ""),
        content_url=str(upload.get("contentUrl") or ""),
        content={"uniqueId": str(upload.get("uniqueId") or ""), "fileType": str(upload.get("fileType") or "")},
    )
    activity = MessageFactory.attachment(attachment)
    activity.text = text
    return activity


def checked_upload_url(upload: dict[str, Any], *, local: bool) -> str:
    """The upload URL from the invoke: HTTPS, or (local mode only: the Playground, the tests) a local address."""
    url = str(upload.get("uploadUrl") or "")
    parsed = urlparse(url)
    if parsed.scheme == "https" and parsed.hostname:
        return url
    if local and parsed.scheme == "http" and parsed.hostname in LOCAL_HOSTS:
        return url
    raise UploadRefused("not an upload URL to send a file to")


async def upload(url: str, data: bytes) -> None:
    """PUT the whole file in one range, as OneDrive's upload session takes it."""
    headers = {"Content-Length": str(len(data)), "Content-Range": f"bytes 0-{len(data) - 1}/{len(data)}"}
    try:
        async with (
            aiohttp.ClientSession(timeout=UPLOAD_TIMEOUT) as session,
            session.put(url, data=data, headers=headers) as response,
        ):
            if response.status >= 300:
                raise UploadRefused(f"the upload answered {response.status}")
    except (aiohttp.ClientError, TimeoutError) as exc:
        raise UploadRefused(type(exc).__name__) from exc
