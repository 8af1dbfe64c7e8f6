"""The person's trygghetsord in Teams: `trygghetsord` shows the card to set or remove it, its buttons store or
remove the hash, and `silent_alarm` answers a message that says the word.

The word is never echoed: the card's field is a password field, the card is redrawn without it once saved, and
the reply to the word itself is the ordinary "Tack, registrerat." whatever happens behind it.
"""

from __future__ import annotations

import logging

from bot.cards import operator_cards, user_cards, verbs
from bot.domain.errors import DomainError
from bot.i18n import texts_for
from bot.services.code_words import has_code_word, remove_code_word, set_code_word
from bot.teams.handlers import general
from bot.teams.turn import Turn

log = logging.getLogger(__name__)


async def show(turn: Turn) -> None:
    """`trygghetsord` / `code word`. Typed with a word after it, the word is not stored: the card is the way."""
    if await general.outside_personal(turn):
        return
    if turn.args:
        await turn.say(turn.t("codeword.not_in_chat"))
    has_word = await has_code_word(turn.services, turn.person)
    await turn.send_card(user_cards.code_word_card(turn.texts, has_word), summary=turn.t("codeword.heading"))


async def save(turn: Turn) -> None:
    if await general.outside_personal(turn):
        return
    word = turn.value.get(verbs.CODE_WORD_INPUT)
    if not isinstance(word, str) or not word.strip():
        raise DomainError("code_word_length")
    await set_code_word(turn.services, turn.person, word)
    await _answer(turn, "codeword.saved")


async def remove(turn: Turn) -> None:
    if await general.outside_personal(turn):
        return
    removed = await remove_code_word(turn.services, turn.person)
    await _answer(turn, "codeword.removed" if removed else "codeword.current.none")


async def _answer(turn: Turn, key: str) -> None:
    if turn.tapped_card_id:
        await turn.update_card(turn.tapped_card_id, user_cards.code_word_saved_card(turn.texts, key))
    else:
        await turn.say(turn.t(key))


async def silent_alarm(turn: Turn) -> None:
    """The code word was written: raise the silent alarm, answer as to any note. Even a failure gets the same
    answer on screen (someone may be reading over the person's shoulder); it is logged as an error."""
    note = texts_for(operator_cards.CHANNEL_LOCALE).t("silent.note.no_watch")  # the operators' language
    try:
        await turn.services.sessions.silent_alarm(turn.person, turn.locale, note)
    except Exception as exc:
        log.error("a silent alarm could not be raised (%s)", type(exc).__name__)
    await turn.say(turn.t("silent.reply"))
