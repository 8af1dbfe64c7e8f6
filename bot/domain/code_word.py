"""The person's *trygghetsord*: a code word that raises a silent alarm when written to the bot.

A person under threat may not be able to tap *Jag behöver hjälp* openly. Writing the code word (alone, or after
*klar*/*ok*/*done*) gets an ordinary-looking reply and an acute escalation marked silent. The word is kept like
a password: only a salted scrypt hash is stored, compared after folding case and spaces, and it is never echoed,
logged or shown to anyone.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass

from bot.domain.errors import DomainError

MIN_LENGTH = 4
MAX_LENGTH = 64
CONFIRM_WORDS = ("klar", "ok", "done")  # "klar <ord>": the code word as the note of a confirmation
# Words a person writes to the bot for other reasons: never a code word, or every "status" would raise an alarm.
RESERVED = frozenset(
    {
        "hjälp",
        "hjalp",
        "help",
        "klar",
        "done",
        "status",
        "avbryt",
        "cancel",
        "förläng",
        "forlang",
        "extend",
        "admin",
        "tack",
        "thanks",
        "trygghetsord",
        "codeword",
    }
)
# scrypt parameters: about 13 ms per check on a 2-core machine, cheap enough for every message of a person who
# has a code word, and far too slow for guessing a stolen hash by the million.
_N, _R, _P = 2**13, 8, 1


@dataclass(frozen=True)
class CodeWord:
    """What is stored: the salt and the hash, both hex."""

    salt: str
    digest: str

    def to_value(self) -> dict[str, str]:
        return {"salt": self.salt, "digest": self.digest, "kdf": "scrypt-8192-8-1"}

    @classmethod
    def from_value(cls, value: object) -> CodeWord | None:
        if not isinstance(value, dict) or not value.get("salt") or not value.get("digest"):
            return None
        return cls(str(value["salt"]), str(value["digest"]))


def normalise(word: str) -> str:
    """Case and spaces do not matter: 'Röd  Ballong' is 'rödballong'."""
    return "".join(word.casefold().split())


def _hash(normalised: str, salt: bytes) -> str:
    return hashlib.scrypt(normalised.encode("utf-8"), salt=salt, n=_N, r=_R, p=_P, dklen=32).hex()


def make(word: str, reserved: frozenset[str] = RESERVED) -> CodeWord:
    """A new stored code word. DomainError codes: code_word_length (too short or long), code_word_reserved (a
    command word, which the person would write for other reasons)."""
    plain = normalise(word)
    if not MIN_LENGTH <= len(plain) <= MAX_LENGTH:
        raise DomainError("code_word_length")
    if plain in reserved:
        raise DomainError("code_word_reserved")
    salt = secrets.token_bytes(16)
    return CodeWord(salt.hex(), _hash(plain, salt))


def candidates(text: str) -> list[str]:
    """What in a message could be the code word: the whole text, and the text after a leading confirm word."""
    plain = normalise(text)
    found = [plain] if MIN_LENGTH <= len(plain) <= MAX_LENGTH else []
    words = text.split(maxsplit=1)
    if len(words) == 2 and words[0].casefold().strip(".,!") in CONFIRM_WORDS:
        rest = normalise(words[1])
        if MIN_LENGTH <= len(rest) <= MAX_LENGTH:
            found.append(rest)
    return found


def said_in(text: str, stored: CodeWord) -> bool:
    """True if `text` is the code word (compared in constant time on the hash)."""
    salt = bytes.fromhex(stored.salt)
    return any(hmac.compare_digest(_hash(c, salt), stored.digest) for c in candidates(text))
