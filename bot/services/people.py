"""Finds the person an admin means: by name (any part, any case), e-mail/UPN or AAD object id.

Candidates are everyone the service knows: profiles, role grants, bars and the owners of stored sessions (someone
who said "glöm mig" still owns sessions until they are erased).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from bot.domain.errors import DomainError
from bot.domain.model import Person
from bot.services.container import Repos

GUID = re.compile(r"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$")


class AmbiguousPerson(DomainError):
    """Several people match; `matches` lets the admin pick one by a more precise name, UPN or id."""

    def __init__(self, query: str, matches: Sequence[Person]) -> None:
        super().__init__("ambiguous_person", f"{len(matches)} matches")
        self.query = query
        self.matches = list(matches)


class PersonNotFound(DomainError):
    def __init__(self, query: str) -> None:
        super().__init__("person_not_found")
        self.query = query


@dataclass(frozen=True)
class PersonSplit:
    """A command's words split into the person they name and the rest (e.g. the reason for a bar)."""

    person: Person
    rest: list[str]


def exact(candidates: Iterable[Person], query: str) -> list[Person]:
    """The one person whose key, AAD id or UPN is the query (any case), or nobody."""
    wanted = query.strip().casefold()
    for p in candidates:
        if wanted and wanted in (p.key.casefold(), p.aad_object_id.casefold(), p.upn.casefold()):
            return [p]
    return []


def match(candidates: Iterable[Person], query: str) -> list[Person]:
    """Exact key, AAD id or UPN wins outright; otherwise every name or UPN containing the query."""
    wanted = query.strip().casefold()
    people = list(candidates)
    if not wanted:
        return []
    if found := exact(people, query):
        return found
    found = [p for p in people if wanted in p.name.casefold() or (p.upn and wanted in p.upn.casefold())]
    return sorted(found, key=lambda p: (p.name.casefold(), p.key))


def _merge(people: Iterable[Person]) -> list[Person]:
    """One entry per key, keeping the most complete record (a profile beats a bar's bare name)."""
    best: dict[str, Person] = {}
    for p in people:
        old = best.get(p.key)
        if old is None or _richness(p) > _richness(old):
            best[p.key] = p
    return list(best.values())


def _richness(p: Person) -> int:
    return sum(bool(v) for v in (p.name, p.teams_id, p.aad_object_id, p.upn))


class People:
    def __init__(self, repos: Repos) -> None:
        self._repos = repos

    async def known(self) -> list[Person]:
        """Profiles, role holders and barred people."""
        people = [p.person for p in await self._repos.profiles.all()]
        people += [Person(g.user_key, "", g.name, g.user_key) for g in await self._repos.roles.all()]
        people += [Person(b.user_key, "", b.name, b.user_key) for b in await self._repos.bars.all()]
        return _merge(people)

    async def session_owners(self) -> list[Person]:
        return _merge([s.session.owner async for s in self._repos.sessions.all_sessions()])

    async def find(self, query: str) -> list[Person]:
        return await _Lookup(self).find(query)

    async def one(self, query: str) -> Person:
        """Exactly one person, or PersonNotFound / AmbiguousPerson."""
        return _exactly_one(query, await self.find(query))

    async def split(self, words: Sequence[str]) -> PersonSplit:
        """The longest leading words that name someone ('Anna Andersson upprepade larm' → Anna, [upprepade, larm])."""
        lookup = _Lookup(self)
        for size in range(len(words), 0, -1):
            query = " ".join(words[:size])
            found = await lookup.find(query)
            if found:
                return PersonSplit(_exactly_one(query, found), list(words[size:]))
        raise PersonNotFound(" ".join(words))

    async def name_of(self, key: str) -> str:
        profile = await self._repos.profiles.get(key)
        return profile.person.name if profile else ""


class _Lookup:
    """One search's candidates, each source read at most once however many queries are tried.

    An exact key, AAD id or UPN among the known people needs nothing more; anything else is matched against
    the session owners too (a full read of the sessions table: admin commands are rare, and someone who said
    "glöm mig" must still be found by name).
    """

    def __init__(self, people: People) -> None:
        self._people = people
        self._known: list[Person] | None = None
        self._everyone: list[Person] | None = None

    async def find(self, query: str) -> list[Person]:
        if self._known is None:
            self._known = await self._people.known()
        found = exact(self._known, query)
        if not found:
            if self._everyone is None:
                self._everyone = _merge(self._known + await self._people.session_owners())
            found = match(self._everyone, query)
        if not found and GUID.match(query.strip()):
            key = query.strip().lower()
            found = [Person(key=key, teams_id="", name="", aad_object_id=key)]
        return found


def _exactly_one(query: str, found: list[Person]) -> Person:
    if not found:
        raise PersonNotFound(query)
    if len(found) > 1:
        raise AmbiguousPerson(query, found)
    return found[0]
