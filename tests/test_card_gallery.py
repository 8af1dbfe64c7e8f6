"""Every card, drawn by the official Adaptive Cards renderer in headless Chromium at 320 and 540 px in Teams' light
and dark themes, passes the phone checks of scripts/card_check.py (the same checks as `make cards`, without the
pictures). And each check finds what it looks for, on cards made to fail it.

Chromium is Debian's package: `.ci/run` installs it, so in CI (CI set) a missing Chromium fails this test; on a
developer's machine without it the test is skipped with the install command as its reason.
"""

from __future__ import annotations

import asyncio
from typing import Any

from scripts.card_check import MAX_MESSAGE_BYTES, Report, card_browser, json_findings
from scripts.card_gallery import check_all
from tests.support.chromium import required_chromium as _chromium


def test_every_card_in_every_state_fits_a_phone_in_both_themes_and_its_languages() -> None:
    reports = asyncio.run(check_all(_chromium(), None))
    assert len({r.name for r in reports}) >= 49  # every shot, in Swedish and English (the operators' card in Swedish)
    found = [f"{r.name} at {r.width} px, {r.theme}: {finding}" for r in reports for finding in r.findings]
    assert found == []


def _card(*body: dict[str, Any]) -> dict[str, Any]:
    return {"type": "AdaptiveCard", "version": "1.5", "body": list(body)}


async def _check(card: dict[str, Any], width: int, theme: str) -> Report:
    async with card_browser(_chromium()) as browser:
        return await browser.check("bad", card, (), width, theme)


def test_white_text_on_the_light_theme_is_found_as_low_contrast() -> None:
    card = _card({"type": "TextBlock", "text": "Sluttid kl. 14:00", "color": "light"})
    report = asyncio.run(_check(card, 540, "light"))
    assert [f for f in report.findings if f.startswith("contrast 1.0:1")], report.findings
    assert asyncio.run(_check(card, 540, "dark")).findings == []


def test_four_long_buttons_in_a_row_are_found_cut_off_on_a_phone() -> None:
    titles = ["Ring 070-123 45 67", "Svarade – allt väl", "Svarade – behöver hjälp", "Inget svar"]
    buttons = [{"type": "Action.Submit", "title": t, "data": {"n": n}} for n, t in enumerate(titles)]
    card = _card({"type": "ActionSet", "actions": buttons})
    assert any("cut off" in f or "wider than the card" in f for f in asyncio.run(_check(card, 320, "light")).findings)
    assert json_findings(card) == [f"4 buttons in a row: {', '.join(titles)}"]


def test_an_input_without_a_label_a_schema_error_and_an_oversized_message_are_found() -> None:
    unlabelled = _card({"type": "Input.Text", "id": "phone"})
    assert json_findings(unlabelled) == ["input without a label: phone"]
    assert any(f.startswith("schema:") for f in json_findings(_card({"type": "TextBlok", "text": "x"})))
    huge = _card(*({"type": "TextBlock", "text": "x" * 1000} for _ in range(MAX_MESSAGE_BYTES // 1000 + 1)))
    assert json_findings(huge)[-1].startswith("message of 8")
