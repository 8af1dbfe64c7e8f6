"""Renders a card the way Teams draws it and reports what a person on a phone would trip over.

The official Adaptive Cards JavaScript renderer (npm `adaptivecards`, pinned in package.json) draws each card in
headless Chromium (Debian's `chromium` package, driven by Playwright for Python with `executable_path`, so no
browser is downloaded), under a Teams-like light or dark host config, at a given width. The page then measures
in the DOM, and this module adds what the card's JSON tells. A finding is any of:
- a parse or validation warning from the renderer;
- a schema error against the official Adaptive Cards 1.5 schema (tests/support/card_schema.py);
- an input without a label;
- clipping: an element wider than the card, or whose content is wider than a box that hides the rest
  (scrollWidth > clientWidth where overflow is not visible);
- more than two buttons in a row, but for a row of short ones (at most SHORT_TITLE characters each);
- text whose contrast against its background is under 4.5:1 (WCAG AA);
- a message over 80 KB (Teams refuses bot messages near 100 KB).

Used by the gallery (`make cards`, scripts/card_gallery.py) and by the suite (tests/test_card_gallery.py).
"""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bot.teams.turn import card_activity
from tests.support.azurite import REPO_ROOT
from tests.support.card_schema import card_errors
from tests.support.cards import walk

RENDERER = REPO_ROOT / "node_modules" / "adaptivecards" / "dist" / "adaptivecards.min.js"
CHROMIUM_CANDIDATES = ("/usr/bin/chromium", "/usr/bin/chromium-browser")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--hide-scrollbars",
]
WIDTHS = (320, 540)  # a phone; desktop chat
THEMES = ("light", "dark")
MAX_MESSAGE_BYTES = 80 * 1024
MIN_CONTRAST = 4.5
BUTTONS_A_ROW = 2  # what a 320 px phone shows side by side
SHORT_TITLE = 8  # "+15 min": three such buttons fit a phone's row


def chromium_path() -> str | None:
    """Debian's Chromium (or $CHROMIUM), or None when it is not installed."""
    wanted = os.environ.get("CHROMIUM")
    for candidate in (wanted, *CHROMIUM_CANDIDATES, shutil.which("chromium")):
        if candidate and Path(candidate).exists():
            return candidate
    return None


# ------------------------------------------------------------------------------------------ host configs

# Teams' light and dark themes, after the "microsoft-teams-light" and "-dark" configs of Microsoft's designer.
_THEME: dict[str, dict[str, Any]] = {
    "light": {
        "colors": {
            "default": ("#242424", "#616161"),
            "dark": ("#252424", "#605E5C"),
            "light": ("#FFFFFF", "#F3F2F1"),
            "accent": ("#4F52B2", "#5B5FC7"),
            "good": ("#0E700E", "#107C10"),
            "warning": ("#835C00", "#835C00"),
            "attention": ("#C4314B", "#B3293F"),
        },
        "backgrounds": {
            "default": "#FFFFFF",
            "emphasis": "#F5F5F5",
            "accent": "#E8EBFA",
            "good": "#E7F2DA",
            "attention": "#FCF4F6",
            "warning": "#FFF4CE",
        },
        "page": "#F5F5F5",
        "button": ("#242424", "#FFFFFF", "#D1D1D1"),  # text, background, border
        "primary": ("#FFFFFF", "#5B5FC7"),
        "destructive": "#C4314B",
        "link": "#4F52B2",
        "input": ("#242424", "#FFFFFF", "#D1D1D1"),
    },
    "dark": {
        "colors": {
            "default": ("#FFFFFF", "#D6D6D6"),
            "dark": ("#FFFFFF", "#D6D6D6"),
            "light": ("#FFFFFF", "#D6D6D6"),
            "accent": ("#A6A7DC", "#A6A7DC"),
            "good": ("#92C353", "#92C353"),
            "warning": ("#F8D22A", "#F8D22A"),
            "attention": ("#FF8A9A", "#F9526B"),
        },
        "backgrounds": {
            "default": "#292929",
            "emphasis": "#1F1F1F",
            "accent": "#2F2F4A",
            "good": "#0D2E0D",
            "attention": "#3E1F25",
            "warning": "#463100",
        },
        "page": "#1F1F1F",
        "button": ("#FFFFFF", "#292929", "#666666"),
        "primary": ("#FFFFFF", "#4F52B2"),
        "destructive": "#FF8A9A",
        "link": "#A6A7DC",
        "input": ("#FFFFFF", "#1F1F1F", "#666666"),
    },
}


def host_config(theme: str) -> dict[str, Any]:
    colors = _THEME[theme]["colors"]
    foreground = {name: {"default": d, "subtle": s} for name, (d, s) in colors.items()}
    return {
        "fontFamily": "'Segoe UI', 'Liberation Sans', Arial, sans-serif",
        "supportsInteractivity": True,
        "spacing": {"small": 8, "default": 12, "medium": 16, "large": 20, "extraLarge": 24, "padding": 16},
        "separator": {"lineThickness": 1, "lineColor": "#E1DFDD" if theme == "light" else "#3D3D3D"},
        "fontSizes": {"small": 12, "default": 14, "medium": 14, "large": 18, "extraLarge": 24},
        "fontWeights": {"lighter": 200, "default": 400, "bolder": 600},
        "containerStyles": {
            name: {"backgroundColor": bg, "foregroundColors": foreground}
            for name, bg in _THEME[theme]["backgrounds"].items()
        },
        "actions": {
            "maxActions": 6,
            "buttonSpacing": 8,
            "actionsOrientation": "horizontal",
            "actionAlignment": "left",
            "showCard": {"actionMode": "inline", "inlineTopMargin": 16, "style": "emphasis"},
        },
        "factSet": {
            "title": {"weight": "bolder", "wrap": True, "maxWidth": 150},
            "value": {"wrap": True},
            "spacing": 12,
        },
        "textStyles": {"heading": {"size": "large", "weight": "bolder", "color": "default"}},
        "inputs": {
            "label": {
                "inputSpacing": "small",
                "requiredInputs": {"weight": "bolder", "suffix": " *", "suffixColor": "attention"},
                "optionalInputs": {"weight": "bolder"},
            },
            "errorMessage": {"color": "attention"},
        },
    }


def css(theme: str) -> str:
    t = _THEME[theme]
    (b_fg, b_bg, b_border), (p_fg, p_bg), (i_fg, i_bg, i_border) = t["button"], t["primary"], t["input"]
    font = "'Segoe UI', 'Liberation Sans', Arial, sans-serif"
    return f"""
html, body {{ margin: 0; background: {t["page"]}; font-family: {font}; }}
#frame {{ box-sizing: border-box; background: {t["backgrounds"]["default"]}; overflow: hidden; }}
.ac-pushButton {{ font: 600 14px {font}; color: {b_fg}; background: {b_bg}; border: 1px solid {b_border};
  border-radius: 4px; padding: 5px 12px; min-height: 32px; cursor: pointer; }}
.ac-pushButton.primary {{ background: {p_bg}; border-color: {p_bg}; color: {p_fg}; }}
.ac-pushButton.style-destructive {{ color: {t["destructive"]}; }}
.ac-pushButton.primary.style-destructive {{ color: {p_fg}; background: #C4314B; border-color: #C4314B; }}
.ac-pushButton.expanded {{ outline: 2px solid {p_bg}; }}
.ac-input, .ac-input input, .ac-input select, .ac-input textarea {{ font: 14px {font}; color: {i_fg}; }}
.ac-textInput, .ac-dateInput, .ac-timeInput, .ac-multichoiceInput, .ac-numberInput {{
  border: 1px solid {i_border}; border-radius: 4px; padding: 5px 8px; min-height: 32px; box-sizing: border-box;
  background: {i_bg}; color: {i_fg}; }}
.ac-textInput.ac-multiline {{ height: 72px; }}
.ac-input-validation-failed {{ border-color: #C4314B !important; }}
a {{ color: {t["link"]}; }}
"""


# Teams renders a subset of Markdown in TextBlocks and facts: **bold**, _italic_, [links](url), lists, line breaks.
MARKDOWN_JS = r"""
function md(src) {
  const esc = s => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  const inline = s => esc(s)
    .replace(/\[([^\]]+)\]\(([^)\s]+)\)/g, '<a href="$2">$1</a>')
    .replace(/\*\*(.+?)\*\*/g, '<strong>$1</strong>')
    .replace(/(^|[\s(])_(\S.*?)_(?=[\s).,:;!?]|$)/g, '$1<em>$2</em>');
  const out = []; let para = []; let list = null;
  const flush = () => {
    if (para.length) { out.push('<p>' + para.join('<br>') + '</p>'); para = []; }
    if (list) { out.push('<' + list.tag + '>' + list.items.join('') + '</' + list.tag + '>'); list = null; }
  };
  for (const line of src.split(/\r?\n/)) {
    const item = line.match(/^\s*([-*+]|\d+\.)\s+(.*)$/);
    if (item) {
      const tag = /\d/.test(item[1]) ? 'ol' : 'ul';
      if (para.length || (list && list.tag !== tag)) flush();
      if (!list) list = {tag: tag, items: []};
      list.items.push('<li>' + inline(item[2]) + '</li>');
    } else if (line.trim() === '') { flush(); } else { if (list) flush(); para.push(inline(line)); }
  }
  flush();
  return out.join('');
}
"""

# render(card, hostConfig, clicks, width) draws the card into #frame and returns what it found.
RENDER_JS = r"""
function luminance(rgb) {
  const c = rgb.map(v => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); });
  return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2];
}
function parseColor(s) {
  const m = s.match(/rgba?\(([^)]+)\)/); if (!m) return null;
  const p = m[1].split(',').map(x => parseFloat(x));
  return {rgb: p.slice(0, 3), alpha: p.length > 3 ? p[3] : 1};
}
function background(el) {
  for (let e = el; e; e = e.parentElement) {
    const c = parseColor(getComputedStyle(e).backgroundColor);
    if (c && c.alpha > 0.5) return c.rgb;
  }
  return parseColor(getComputedStyle(document.body).backgroundColor).rgb;
}
function label(el) {
  return el.tagName.toLowerCase() + (el.className ? '.' + String(el.className).split(' ')[0] : '') + ': '
    + (el.textContent || el.value || '').trim().replace(/\s+/g, ' ').slice(0, 70);
}
window.render = (card, hostConfig, clicks, width) => {
  const frame = document.getElementById('frame');
  frame.innerHTML = '';
  frame.style.width = width + 'px';
  const found = {warnings: [], clipped: [], contrast: [], missingClicks: []};
  AdaptiveCards.AdaptiveCard.onProcessMarkdown = (text, result) => { result.outputHtml = md(text);
    result.didProcess = true; };
  // The renderer checks "lang" with a global regex (/^[a-z]{2,3}$/gi), whose lastIndex carries over from one
  // card to the next, so every other valid "lang" was reported invalid. Start each card afresh.
  const lang = AdaptiveCards.CardElement.langProperty;
  if (lang && lang.regEx) lang.regEx.lastIndex = 0;
  try {
    const ac = new AdaptiveCards.AdaptiveCard();
    ac.hostConfig = new AdaptiveCards.HostConfig(hostConfig);
    const ctx = new AdaptiveCards.SerializationContext();
    ac.parse(card, ctx);
    for (let i = 0; i < ctx.eventCount; i++) found.warnings.push('parse: ' + ctx.getEventAt(i).message);
    for (const e of ac.validateProperties().validationEvents) found.warnings.push('validate: ' + e.message);
    frame.appendChild(ac.render());
    for (const title of clicks) {
      const button = [...frame.querySelectorAll('button')].find(b => b.textContent.trim() === title
        || b.getAttribute('aria-label') === title);
      if (button) button.click(); else found.missingClicks.push(title);
    }
  } catch (e) { found.warnings.push('render error: ' + e); }
  const box = frame.getBoundingClientRect();
  const seen = new Set();
  for (const el of frame.querySelectorAll('*')) {
    const cs = getComputedStyle(el);
    if (cs.display === 'none' || cs.visibility === 'hidden' || el.getClientRects().length === 0) continue;
    if (el.closest('[aria-hidden="true"]') && el.clientWidth === 0) continue;
    const r = el.getBoundingClientRect();
    if (r.width > 0 && (r.right > box.right + 1 || r.left < box.left - 1)) {
      found.clipped.push('wider than the card: ' + label(el));
    }
    // Content wider than its box is cut off where the box hides it (overflow, an ellipsis). Where the box lets
    // it show (overflow: visible, e.g. an unfolded ShowCard bleeding into the card's padding), it is only a
    // problem past the card's edge, which the line above catches.
    const typed = ['INPUT', 'TEXTAREA', 'SELECT'].includes(el.tagName);
    const hides = cs.overflowX !== 'visible' || cs.textOverflow === 'ellipsis';
    if (!typed && hides && el.clientWidth > 0 && el.scrollWidth > el.clientWidth + 1) {
      found.clipped.push('cut off: ' + label(el));
    }
    const own = [...el.childNodes].some(n => n.nodeType === 3 && n.textContent.trim());
    if ((own || typed) && r.width > 0) {
      const fg = parseColor(cs.color);
      if (fg) {
        const a = luminance(fg.rgb), b = luminance(background(el));
        const ratio = (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
        const key = label(el);
        if (ratio < MIN_CONTRAST && !seen.has(key)) {
          seen.add(key);
          found.contrast.push(ratio.toFixed(1) + ':1 ' + key + ' (' + cs.color + ')');
        }
      }
    }
  }
  found.height = Math.ceil(frame.getBoundingClientRect().height);
  return found;
};
"""


def page_html(theme: str) -> str:
    return (
        '<!doctype html><html lang="sv"><head><meta charset="utf-8"><title>card</title>'
        f"<style>{css(theme)}</style></head><body><div id='frame'></div></body></html>"
    )


# ------------------------------------------------------------------------------------------ the findings


@dataclass
class Report:
    name: str
    width: int
    theme: str
    findings: list[str] = field(default_factory=list)
    height: int = 0


def json_findings(card: dict[str, Any]) -> list[str]:
    """What the card's JSON tells: schema errors, inputs without a label, the message's size."""
    findings = [f"schema: {error}" for error in card_errors(card)]
    for node in walk(card):
        kind = str(node.get("type", ""))
        if kind.startswith("Input.") and not str(node.get("label") or "").strip():
            findings.append(f"input without a label: {node.get('id')}")
        row = node.get("actions") if kind in ("AdaptiveCard", "ActionSet") else None
        titles = [str(a.get("title", "")) for a in row or []]
        if len(titles) > BUTTONS_A_ROW and max(len(t) for t in titles) > SHORT_TITLE:
            findings.append(f"{len(titles)} buttons in a row: {', '.join(titles)}")
    size = len(json.dumps(card_activity(card).serialize(), ensure_ascii=False).encode())
    if size > MAX_MESSAGE_BYTES:
        findings.append(f"message of {size // 1024} KB (over {MAX_MESSAGE_BYTES // 1024} KB)")
    return findings


class CardBrowser:
    """One headless Chromium page per theme, the renderer loaded once; `check` draws a card and reports."""

    def __init__(self, pages: dict[str, Any]) -> None:
        self._pages = pages

    async def check(self, name: str, card: dict[str, Any], clicks: tuple[str, ...], width: int, theme: str) -> Report:
        page = self._pages[theme]
        await page.set_viewport_size({"width": width, "height": 800})
        found = await page.evaluate(
            "([card, config, clicks, width]) => render(card, config, clicks, width)",
            [card, host_config(theme), list(clicks), width],
        )
        report = Report(name, width, theme, height=int(found["height"]))
        report.findings += list(found["warnings"]) + list(found["clipped"])
        report.findings += [f"contrast {c}" for c in found["contrast"]]
        report.findings += [f"no button titled {t!r}" for t in found["missingClicks"]]
        return report

    async def screenshot(self, theme: str, path: Path) -> None:
        await self._pages[theme].locator("#frame").screenshot(path=str(path))


@asynccontextmanager
async def card_browser(chromium: str) -> AsyncIterator[CardBrowser]:
    """Chromium at `chromium` with a page per theme, each with the renderer and the checks loaded."""
    from playwright.async_api import async_playwright

    if not RENDERER.is_file():
        raise FileNotFoundError(f"no Adaptive Cards renderer at {RENDERER}: run `make setup` (npm ci)")
    script = RENDERER.read_text(encoding="utf-8")
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        try:
            pages: dict[str, Any] = {}
            for theme in THEMES:
                page = await browser.new_page(device_scale_factor=1)
                await page.set_content(page_html(theme))
                await page.add_script_tag(content=script)
                consts = f"const MIN_CONTRAST = {MIN_CONTRAST};\n"
                await page.add_script_tag(content=consts + MARKDOWN_JS + RENDER_JS)
                pages[theme] = page
            yield CardBrowser(pages)
        finally:
            await browser.close()
