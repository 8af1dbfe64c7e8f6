"""The Teams door to the admin command set (`admin …`), a person's own data (`mina uppgifter`, `glöm mig`) and
the buttons of the flag card (*Spärra*, *Ignorera*).

Admin commands and personal data are answered in the personal chat only, never in a channel. The words after
`admin` go to bot/admin/commands.py, which the CLI uses too, so both doors answer alike. Card data is untrusted:
the acting person comes from the activity, the role is checked in the service layer, and the person to bar is
looked up again from the key on the card.
"""

from __future__ import annotations

from bot.admin import format_privacy
from bot.admin.commands import run_words
from bot.admin.error_texts import admin_error_key
from bot.admin.words import split_words
from bot.cards import admin_cards
from bot.domain.errors import DomainError, NotAllowed
from bot.domain.model import Actor, ActorKind
from bot.services.people import PersonNotFound
from bot.teams.handlers import admin_files
from bot.teams.handlers.general import outside_personal
from bot.teams.turn import Turn


def _actor(turn: Turn) -> Actor:
    return Actor(ActorKind.USER, turn.person.key, turn.person.name)


async def admin(turn: Turn) -> None:
    """`admin <command> …`"""
    if await outside_personal(turn, "admin.personal_only"):
        return
    words = split_words(turn.args)
    reply = await run_words(turn.admin, _actor(turn), turn.texts, words)
    if reply.file is not None:  # a file goes through Teams' file flow: the admin allows it first
        await admin_files.offer(turn, reply)
        return
    await turn.say(reply.text)


async def my_data(turn: Turn) -> None:
    """`mina uppgifter` / `my data`: everything stored about the person who asks."""
    if await outside_personal(turn, "privacy.personal_only"):
        return
    data = await turn.admin.privacy.my_data(turn.person)
    await turn.say(format_privacy.my_data(data, turn.texts))


async def forget_me(turn: Turn) -> None:
    """`glöm mig` / `forget me`."""
    if await outside_personal(turn, "privacy.personal_only"):
        return
    result = await turn.admin.privacy.forget(turn.person)
    await turn.say(format_privacy.forgotten(result, turn.texts))


async def bar_from_flag(turn: Turn) -> None:
    """*Spärra* on a flag card."""
    admin, actor = turn.admin, _actor(turn)
    key = str(turn.value.get("person") or "")
    reason = str(turn.value.get(admin_cards.REASON_INPUT) or "")
    try:
        await admin.bars.require_security_head(actor, "admin.bar")  # before looking anyone up
        person = await admin.people.one(key)
        await admin.bars.bar(actor, person, reason)  # the säkerhetschef's decision alone
    except DomainError as exc:
        if await _refused(turn, exc, "already_barred"):
            return
    card = admin_cards.decided_card(person.name or person.key, "barred", turn.person.name, turn.texts)
    await _decided(turn, card)


async def ignore_flag(turn: Turn) -> None:
    """*Ignorera* on a flag card."""
    admin = turn.admin
    key = str(turn.value.get("person") or "")
    try:
        await admin.flagging.ignore(_actor(turn), key)
    except DomainError as exc:
        if await _refused(turn, exc, "already_recorded"):
            return
    name = await admin.people.name_of(key) or key
    await _decided(turn, admin_cards.decided_card(name, "ignored", turn.person.name, turn.texts))


async def _decided(turn: Turn, card: dict[str, object]) -> None:
    if turn.tapped_card_id:
        await turn.update_card(turn.tapped_card_id, card)
    else:
        await turn.send_card(card)


async def _refused(turn: Turn, exc: DomainError, decided_before: str) -> bool:
    """True when `exc` refused the tap (the admin is told why); False when the decision had been made before
    (code `decided_before`), which shows the decided card like a success."""
    if isinstance(exc, NotAllowed):
        await turn.say(turn.t("admin.not_allowed"))
        return True
    if exc.code == decided_before:
        return False
    await _explain(turn, exc)
    return True


async def _explain(turn: Turn, exc: DomainError) -> None:
    if isinstance(exc, PersonNotFound):
        await turn.say(turn.t("admin.person.not_found", query=exc.query))
        return
    await turn.say(turn.t(admin_error_key(exc.code)))
