"""`make cards`: every card in every state (scripts/card_shots.py), in Swedish and English (the operators' card
in Swedish only), drawn by the official
Adaptive Cards renderer in headless Chromium at 320 px (a phone) and 540 px (desktop chat), in Teams' light and
dark themes, and checked (scripts/card_check.py). Writes one PNG per card and width (Swedish, light theme) to
docs/cards/ with docs/cards/README.md as the gallery page, and exits non-zero on any finding.

    .venv/bin/python -m scripts.card_gallery [--out docs/cards] [--only NAME] [--no-pictures]

Needs Debian's Chromium (`apt-get install -y chromium`; or set CHROMIUM) and `make setup` (the renderer).
"""

from __future__ import annotations

import argparse
import asyncio
import sys
from pathlib import Path

from bot.i18n import texts_for
from scripts.card_check import THEMES, WIDTHS, Report, card_browser, chromium_path, json_findings
from scripts.card_shots import Shot, build_shots
from tests.support.azurite import REPO_ROOT

OUT = REPO_ROOT / "docs" / "cards"
LANGUAGES = ("sv-SE", "en-US")
PICTURED = ("sv-SE", "light")  # the language and theme of the pictures


async def check_all(chromium: str, out: Path | None, only: str = "") -> list[Report]:
    """Every shot in every language, width and theme; pictures of the Swedish light ones when `out` is set."""
    reports: list[Report] = []
    async with card_browser(chromium) as browser:
        for language in LANGUAGES:
            for shot in build_shots(texts_for(language)):
                if only and only not in shot.name:
                    continue
                tag = f"{shot.name} [{language}]"
                static = json_findings(shot.card)
                for width in WIDTHS:
                    for theme in THEMES:
                        report = await browser.check(tag, shot.card, shot.clicks, width, theme)
                        report.findings[:0] = static if (width, theme) == (WIDTHS[0], THEMES[0]) else []
                        reports.append(report)
                        if out is not None and (language, theme) == PICTURED:
                            await browser.screenshot(theme, out / f"{shot.name}-{width}.png")
    return reports


def gallery_page(shots: list[Shot]) -> str:
    lines = [
        "# The cards, as a person sees them",
        "",
        "Every card the bot sends, in every state, drawn by the official Adaptive Cards renderer (npm `adaptivecards`)",
        "in headless Chromium with a Teams-like light host config, at 320 px (a phone) and 540 px (desktop chat).",
        "Made by `make cards` (scripts/card_gallery.py), which also checks each card in English and in the dark",
        "theme, and fails on a parse warning, a schema error, an input without a label, clipping, text under",
        "4.5:1 contrast, or a message over 80 KB. Do not edit: run `make cards` again.",
        "",
        "| card | 320 px | 540 px |",
        "| --- | --- | --- |",
    ]
    for shot in shots:
        cells = " | ".join(f"![{shot.name} at {w} px]({shot.name}-{w}.png)" for w in WIDTHS)
        lines.append(f"| `{shot.name}` | {cells} |")
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m scripts.card_gallery", description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=OUT, help=f"where the pictures go (default {OUT})")
    parser.add_argument("--only", default="", help="only the cards whose name contains this")
    parser.add_argument("--no-pictures", action="store_true", help="check only")
    args = parser.parse_args(argv)
    chromium = chromium_path()
    if chromium is None:
        parser.error("no Chromium: install Debian's package (apt-get install -y chromium) or set CHROMIUM")
    out = None if args.no_pictures else args.out
    if out is not None:
        out.mkdir(parents=True, exist_ok=True)
    reports = asyncio.run(check_all(chromium, out, args.only))
    found = [r for r in reports if r.findings]
    for report in found:
        print(f"{report.name} at {report.width} px, {report.theme}:")
        for finding in report.findings:
            print(f"    {finding}")
    if out is not None and not args.only:
        (out / "README.md").write_text(gallery_page(build_shots(texts_for("sv-SE"))), encoding="utf-8")
    cards = len({r.name for r in reports})
    print(f"{cards} cards, {len(reports)} renderings, {sum(len(r.findings) for r in found)} findings")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
