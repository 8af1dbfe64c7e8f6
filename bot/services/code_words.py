"""Setting, removing and recognising a person's *trygghetsord* (bot/domain/code_word.py has the rules).

Only the person sets their own word, in their own chat; it is stored as a salted hash on their profile. Setting
it needs a registration first, so that a silent alarm outside any watch still tells the operators how to reach
the person (the profile's saved phone and contact).
"""

from __future__ import annotations

from bot.domain import code_word
from bot.domain.clock import Clock
from bot.domain.errors import DomainError
from bot.domain.events import Event, EventKind
from bot.domain.model import Person
from bot.domain.session_commands import user_actor
from bot.services.container import Repos, Services
from bot.store.profiles import Profile


async def has_code_word(services: Services, person: Person) -> bool:
    profile = await services.repos.profiles.get(person.key)
    return bool(profile and profile.code_word)


async def set_code_word(services: Services, person: Person, word: str) -> None:
    """DomainError codes: code_word_needs_registration, code_word_length, code_word_reserved."""
    repos, clock = services.repos, services.clock
    profile = await repos.profiles.get(person.key)
    if profile is None or not profile.prefill.get("phone"):
        raise DomainError("code_word_needs_registration")
    stored = code_word.make(word)
    await repos.profiles.save_code_word(person.key, stored.to_value())
    await _audit(repos, clock, person, "set")


async def remove_code_word(services: Services, person: Person) -> bool:
    """False when there was none."""
    repos, clock = services.repos, services.clock
    profile = await repos.profiles.get(person.key)
    if profile is None or not profile.code_word:
        return False
    await repos.profiles.save_code_word(person.key, {})
    await _audit(repos, clock, person, "removed")
    return True


def is_code_word(profile: Profile | None, text: str) -> bool:
    """True when the person has a code word and `text` says it."""
    stored = code_word.CodeWord.from_value(profile.code_word) if profile else None
    return stored is not None and code_word.said_in(text, stored)


async def _audit(repos: Repos, clock: Clock, person: Person, step: str) -> None:
    event = Event(EventKind.CODE_WORD_CHANGED, clock.now(), user_actor(person), data={"step": step})
    await repos.audit.append(event, subject_key=person.key)
