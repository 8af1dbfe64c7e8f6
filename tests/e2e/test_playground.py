"""The Microsoft 365 Agents Playground as a real client: a person's whole check-in, clicked in Chromium.

`make run` is started as a developer starts it (scripts/run_local: the bot, then the Playground pointed at it; here
on the suite's Azurite and on free ports). The Playground's page is the Teams-like chat a developer sees; the test
writes `ny`, fills the registration form by its labels, registers, moves the end time to a minute from now (the form's
time picker offers half hours only), waits for the at-sluttid card and taps *All went well* (the Playground's client
is English). Every wait is on what the page shows. A screenshot of each step, and the run's log, are kept in
build/test-artifacts/playground/.
"""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from playwright.async_api import Page, async_playwright, expect

from bot.domain.registration import STOCKHOLM
from scripts.card_check import CHROMIUM_ARGS
from tests.support.azurite import REPO_ROOT, free_port
from tests.support.chromium import required_chromium

ARTIFACTS = REPO_ROOT / "build" / "test-artifacts" / "playground"
PLAYGROUND_BIN = REPO_ROOT / "node_modules" / ".bin" / "agentsplayground"
SHOWN = 20_000  # ms: a turn's answer on the page
AT_SLUTTID = 150_000  # ms: the end time is at most two minutes away, then one sweep


@dataclass
class Stack:
    url: str
    log: Path


@pytest.fixture
def stack(storage_connection_string: str, table_prefix: str) -> Iterator[Stack]:
    if not PLAYGROUND_BIN.exists():
        pytest.fail(f"{PLAYGROUND_BIN} is missing: run `make setup`")
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    log = ARTIFACTS / "run_local.log"
    playground_port = free_port()
    env = {
        **os.environ,
        "PORT": str(free_port()),
        "PLAYGROUND_PORT": str(playground_port),
        "TRYGGHET_STORAGE": storage_connection_string,
        "TRYGGHET_TABLE_PREFIX": table_prefix,
        "TRYGGHET_BOT_CMD": f"{sys.executable} app.py",
    }
    with log.open("wb") as out:
        process = subprocess.Popen(
            [sys.executable, "-m", "scripts.run_local"], cwd=REPO_ROOT, env=env, stdout=out, stderr=out
        )
        try:
            yield Stack(f"http://localhost:{playground_port}/", log)
        finally:
            process.send_signal(signal.SIGTERM)
            process.wait(30)


@pytest.fixture
async def page(stack: Stack) -> AsyncIterator[Page]:
    chromium = required_chromium()
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        context = await browser.new_context(
            viewport={"width": 1100, "height": 1500}, locale="en-US", timezone_id="Europe/Stockholm"
        )
        page = await context.new_page()
        await _open(page, stack)
        yield page
        await browser.close()


async def _open(page: Page, stack: Stack) -> None:
    """The Playground's page, once run_local says it is ready (it starts the bot first, then the Playground)."""
    for _ in range(600):
        if "Ready. Open the Agents Playground" in stack.log.read_text(errors="replace"):
            break
        await asyncio.sleep(0.1)
    else:
        pytest.fail(f"make run's stack did not come up in 60 s; its log:\n{stack.log.read_text(errors='replace')}")
    await page.goto(stack.url)


async def _shot(page: Page, name: str) -> None:
    await page.screenshot(path=ARTIFACTS / f"{name}.png", full_page=True)


async def _write(page: Page, text: str) -> None:
    box = page.locator('[data-lexical-editor="true"]')  # the Playground's compose box
    await box.fill(text)
    await box.press("Enter")


async def _sees(page: Page, text: str, timeout: float = SHOWN) -> None:
    # The chat list's preview repeats the newest message: the chat pane's copy is the last one.
    await expect(page.get_by_text(text).last).to_be_visible(timeout=timeout)


def _an_end_time_hours_away(now: datetime) -> tuple[datetime, str]:
    """A date and a half-hour option of the form's time picker at least half an hour ahead (and within 24 h)."""
    if now.hour < 23:
        return now, "11:30 PM"
    return now + timedelta(days=1), "12:30 AM"


def _the_next_minute(now: datetime) -> datetime:
    """The end time the test moves to: the next whole minute, or the one after when it is under 20 s away."""
    later = now.replace(second=0, microsecond=0) + timedelta(minutes=1)
    return later if later - now >= timedelta(seconds=20) else later + timedelta(minutes=1)


FIELDS = {
    "Name of the department, committee or board": "Regionstyrelsen",
    "Your phone number (where the safety centre can reach you)": "070-123 45 67",
    "Contact person's name": "Kim Berg",
    "Contact person's phone number": "070-765 43 21",
    "Address (required for a meeting)": "Storgatan 1, Borås",
    "Describe the threat – or why you feel threatened, worried or exposed": "Hotfulla mejl efter förra mötet",
}


async def _fill_the_form(page: Page, day: datetime, option: str) -> None:
    """Fill the form by its labels, until the page shows every value: the Playground sometimes draws a card again
    just after it arrives, which empties what was typed into the first drawing."""
    await expect(page.get_by_label(next(iter(FIELDS)))).to_be_visible(timeout=SHOWN)
    date = page.get_by_label("Date", exact=True)
    time = page.get_by_label("End time – when do you expect to be done?")
    no_threat = page.get_by_label("No", exact=True)
    wanted = {**FIELDS, "Date": f"{day:%B} {day.day}, {day.year}"}
    for _ in range(3):
        for label, value in FIELDS.items():
            await page.get_by_label(label).fill(value)
        await date.fill(wanted["Date"])
        await date.press("Enter")
        await time.click()
        await page.get_by_role("option", name=option, exact=True).click()
        await no_threat.check()
        shown = {label: await page.get_by_label(label).input_value() for label in wanted}
        if shown == wanted and await time.input_value() == option and await no_threat.is_checked():
            return
        await asyncio.sleep(1)
    pytest.fail(f"the form did not keep what was typed: {shown}")


async def test_a_person_registers_in_the_playground_and_checks_in_at_the_end_time(page: Page) -> None:
    await _sees(page, "Välkommen till Trygghet")  # the install's welcome carries no locale: Swedish first
    await _write(page, "ny")
    await _fill_the_form(page, *_an_end_time_hours_away(datetime.now(STOCKHOLM)))
    await _shot(page, "1-form")
    await page.get_by_role("button", name="Register").click()
    await _sees(page, "Your check-in is registered")
    await _sees(page, "Storgatan 1, Borås")
    await _shot(page, "2-receipt")

    end = _the_next_minute(datetime.now(STOCKHOLM))
    await _write(page, f"extend {end:%H:%M}")
    await _sees(page, f"New end time: {end:%H:%M}")
    await _sees(page, f"End time {end:%H:%M} – how did it go?", timeout=AT_SLUTTID)
    await _shot(page, "3-at-sluttid")
    await page.get_by_role("button", name="All went well").last.click()
    await _sees(page, "Good to hear! The check-in has ended.")
    await _sees(page, "The check-in has ended")
    await _shot(page, "4-checked-in")
