"""How typed and tapped extensions are read: "förläng 30 min", "kl. 15.30", a one-tap "+30" or a typed time."""

from __future__ import annotations

import pytest

from bot.teams.handlers.session_buttons import extension_text
from bot.teams.handlers.user_commands import extend_argument


@pytest.mark.parametrize(
    ("typed", "argument"),
    [
        ("30", "30"),
        ("+30", "+30"),
        ("30 min", "30"),
        ("30min", "30"),
        ("+15 minuter", "+15"),
        ("45 minutes", "45"),
        ("kl. 15:30", "15:30"),
        ("kl 15.30", "15.30"),
        ("at 15:30", "15:30"),
        ("  ", ""),
    ],
)
def test_extend_argument(typed: str, argument: str) -> None:
    assert extend_argument(typed) == argument


def test_extension_text_from_a_button() -> None:
    assert extension_text({"minutes": "30", "extend_time": ""}) == "+30"
    assert extension_text({"minutes": 15}) == "+15"
    assert extension_text({"extend_time": " 16:15 "}) == "16:15"
    assert extension_text({"extend_time": None}) == ""
    assert extension_text({}) == ""
