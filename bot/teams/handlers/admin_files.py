"""A file in the admin's personal chat: the audit export, or a list command's rows (`admin aktiva --format csv`):
the consent card offered, then the upload once the admin allows it (bot/teams/file_upload.py has the flow).

The consent card's context holds only the command, with an export's period written out. When the admin taps *Allow*, the
command runs again for the person who tapped (the activity says who, the service checks the role and audits it),
so a context copied or forged gets nobody a file they could not have asked for by typing.
"""

from __future__ import annotations

import logging
from typing import Any

from bot.admin.commands import Reply, makes_file, run_words
from bot.domain.session_commands import user_actor
from bot.teams import file_upload
from bot.teams.turn import Turn

log = logging.getLogger(__name__)

VERB = "admin.export_file"  # the verb in the consent card's context, routed like a card's button


async def offer(turn: Turn, reply: Reply) -> None:
    """The command's answer, then the card that asks to allow the file."""
    await turn.say(f"{reply.text}\n\n{turn.t('admin.export.offer')}")
    file = reply.file or b""
    context = {"verb": VERB, "words": list(reply.again)}
    await turn.ctx.send_activity(file_upload.consent_activity(reply.filename, len(file), reply.about, context))


async def answered(turn: Turn) -> None:
    """The admin's answer to the consent card: declined, or allowed with an upload URL."""
    value = turn.value
    words = [w for w in value.get("words", []) if isinstance(w, str)] if isinstance(value.get("words"), list) else []
    command = " ".join(words)
    if value.get("action") != "accept":
        await turn.say(turn.t("admin.export.declined"))
        return
    if not makes_file(words):  # a context naming any other command (spärra …) makes nothing happen
        await turn.say(turn.t("error.generic"))
        return
    found = value.get("upload")
    upload: dict[str, Any] = found if isinstance(found, dict) else {}
    try:
        url = file_upload.checked_upload_url(upload, local=turn.services.config.local_mode)
    except file_upload.UploadRefused:
        log.warning("a file consent came with an upload URL that is not HTTPS; nothing was sent")
        await turn.say(turn.t("admin.export.upload_failed", command=command))
        return
    reply = await run_words(turn.admin, user_actor(turn.person), turn.texts, words)
    if reply.file is None:  # refused (no longer an admin) or a mistake: the answer says which
        await turn.say(reply.text)
        return
    try:
        await file_upload.upload(url, reply.file)
    except file_upload.UploadRefused as exc:
        log.warning("the export could not be uploaded (%s)", exc)
        await turn.say(turn.t("admin.export.upload_failed", command=command))
        return
    text = turn.t("admin.file.uploaded", title=reply.title or command, name=reply.filename)
    await turn.ctx.send_activity(file_upload.info_activity(upload, text))
