"""Renders the bot's cards as a person sees them, headless, so layout problems show before anyone opens Teams.

Builds a representative set of cards with the real builders in bot/cards from realistic sessions (the personal
chat cards, the operators' escalation card at each step of the routine, the admin flag card), writes one HTML
page per card that renders it with the official Adaptive Cards JS renderer under a Teams-like light host config,
and screenshots each page with Debian's headless Chromium. Each page also reports what the renderer dropped or
clipped (parse warnings, unknown elements, text cut off by an ellipsis or a fixed box) into report.json.

Dev tool, standard library only. The renderer is not a project dependency; install it into a throwaway folder:
    mkdir -p /tmp/acrender && (cd /tmp/acrender && npm install --no-save adaptivecards@3)
    .venv/bin/python -m scripts.render_cards /tmp/card-shots [--only esc-] [--renderer PATH] [--chromium PATH]
The renderer path defaults to $TRYGGHET_AC_JS, else /tmp/acrender/node_modules/adaptivecards/dist/adaptivecards.min.js.
"""

from __future__ import annotations

import argparse
import html
import json
import os
import re
import subprocess
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from bot.cards import admin_cards, user_cards
from bot.cards.operator_cards import escalation_card, history_lines
from bot.cards.registration_form import registration_form_card
from bot.domain import escalation as esc
from bot.domain import session_commands as cmd
from bot.domain.events import Event
from bot.domain.model import (
    Actor,
    ActorKind,
    CallResult,
    Contact,
    ContactRole,
    Outcome,
    Person,
    Registration,
    Session,
    State,
    Threat,
    Whereabouts,
)
from bot.domain.policy import Policy
from bot.domain.registration import RegistrationForm
from bot.domain.timeline import advance
from bot.i18n import texts_for
from bot.services.flagging import Flag
from tests.support.forms import REFUSALS
from tests.support.forms import refused_form as shared_refused_form
from tests.support.registrations import NOW
from tests.support.registrations import registration as typical_registration

DEFAULT_RENDERER = "/tmp/acrender/node_modules/adaptivecards/dist/adaptivecards.min.js"
PERSONAL_WIDTH = 450  # a card in the personal chat with the bot
CHANNEL_WIDTH = 900  # a card in the operators' channel
MARGIN = 16

# ------------------------------------------------------------------------------------------ the people

POLICY = Policy()
SV = texts_for("sv-SE")
ANNA = Person(key="aad-anna", teams_id="29:anna", name="Anna Andersson", aad_object_id="aad-anna")
OLLE = Actor(ActorKind.OPERATOR, "aad-olle", "Olle Nilsson")
MARIA = Actor(ActorKind.OPERATOR, "aad-maria", "Maria Johansson-Lindberg")


def registration(end_in: timedelta = timedelta(hours=1), *, acute: bool = False) -> Registration:
    """What a politician going to an evening meeting typically leaves with the service."""
    return typical_registration(
        end_in,
        acute=acute,
        contact=Contact(ContactRole.SAKERHETSANSVARIG, "Karin Berg", "+46709876543"),
        whereabouts=Whereabouts(address="Folkets hus, Järntorget 12, Göteborg"),
        threat=Threat(
            known=True,
            description="Hotfulla mejl efter förra mötet om vårdcentralen; avsändaren har tidigare stått utanför "
            "entrén och väntat på mig",
        ),
        note="Mötet kan dra ut på tiden. Jag parkerar i garaget under huset och går ut via Olof Palmes plats.",
    )


Step = tuple[Session, list[Event], datetime]  # the session, its audit events so far, and "now"
ESCALATED_AT = NOW + timedelta(hours=1, minutes=5)  # sluttid 14:00 Stockholm, escalation 14:05


def registered(*, acute: bool = False) -> Step:
    session, events = cmd.register("20261125120000-a1b2c3", ANNA, registration(acute=acute), NOW, POLICY, "sv-SE")
    return session, events, NOW


def escalated() -> Step:
    session, events, _ = registered()
    return session, events + advance(session, ESCALATED_AT, POLICY), ESCALATED_AT


def claimed() -> Step:
    session, events, t = escalated()
    return session, events + esc.claim(session, OLLE, t + timedelta(minutes=1)), t + timedelta(minutes=1)


def waiting_for_retry() -> Step:
    session, events, t = claimed()
    events += esc.record_call(session, OLLE, 1, CallResult.NO_ANSWER, t, POLICY)
    return session, events, t + timedelta(minutes=2)


def second_call() -> Step:
    session, events, t = waiting_for_retry()
    t = ESCALATED_AT + timedelta(minutes=1) + POLICY.call_interval
    return session, events + advance(session, t, POLICY), t


def police() -> Step:
    session, events, t = second_call()
    events += esc.record_call(session, MARIA, 2, CallResult.NO_ANSWER, t, POLICY)
    return session, events, t + timedelta(minutes=1)


def inform() -> Step:
    session, events, t = police()
    events += esc.mark_police_alerted(session, OLLE, "K-2026-4711-33", t + timedelta(minutes=3), POLICY)
    return session, events, t + timedelta(minutes=3)


def informed() -> Step:
    session, events, t = inform()
    t += timedelta(minutes=4)
    events += esc.mark_contact_informed(session, OLLE, t, POLICY) + esc.mark_rtib_informed(session, MARIA, t, POLICY)
    return session, events, t


def late_confirmation() -> Step:
    session, events, t = inform()
    t += timedelta(minutes=6)
    return session, events + cmd.confirm(session, t), t


def closed() -> Step:
    session, events, t = informed()
    t += timedelta(minutes=20)
    note = "Polisen har kontakt med Anna, hon var kvar i möteslokalen med telefonen avstängd. Inget mer behövs."
    return session, events + esc.close_escalation(session, OLLE, Outcome.POLICE_HANDLING, note, t, POLICY), t


def acute_help() -> Step:
    session, events, t = registered()
    t += timedelta(minutes=40)
    return session, events + cmd.request_help(session, t), t


def acute_at_registration() -> Step:
    return registered(acute=True)


# ------------------------------------------------------------------------------------------- the cards


@dataclass(frozen=True)
class Shot:
    """One screenshot: a card, how wide Teams shows it, and which buttons to press first (ShowCard, toggles)."""

    name: str
    card: dict[str, Any]
    width: int = PERSONAL_WIDTH
    clicks: tuple[str, ...] = ()


def refused_form() -> RegistrationForm:
    """The tests' refused form, filled in the way a politician on the way home would."""
    return shared_refused_form(
        organisation_kind="nämnd",
        organisation="Regionstyrelsen",
        contact_role="säkerhetsansvarig",
        trip_from="Folkets hus, Göteborg",
        note="Tar spårvagn 11 hem",
    )


ESCALATION_STEPS: dict[str, Callable[[], Step]] = {
    "1-new": escalated,
    "2-claimed": claimed,
    "3-waiting-for-retry": waiting_for_retry,
    "4-attempt-2": second_call,
    "5-police": police,
    "6-inform": inform,
    "7-informed": informed,
    "8-late-confirmation": late_confirmation,
    "9-closed": closed,
    "akut-help": acute_help,
    "akut-registration": acute_at_registration,
}


def escalation_shots() -> list[Shot]:
    shots: list[Shot] = []
    for name, build in ESCALATION_STEPS.items():
        session, events, now = build()
        shots.append(Shot(f"esc-{name}", escalation_card(session, events, POLICY, now, SV), CHANNEL_WIDTH))
    session, events, now = informed()
    wrap_up = escalation_card(session, events, POLICY, now, SV)
    shots.append(Shot("esc-7-informed-close-form", wrap_up, CHANNEL_WIDTH, (SV.t("esc.step.close.button"),)))
    session, events, now = closed()
    history = SV.t("esc.history.show", count=len(history_lines(events, now, SV)))
    shots.append(
        Shot("esc-9-closed-history", escalation_card(session, events, POLICY, now, SV), CHANNEL_WIDTH, (history,))
    )
    session, events, now = police()
    shots.append(Shot("esc-5-police-540px", escalation_card(session, events, POLICY, now, SV), 540))
    return shots


def build_shots() -> list[Shot]:
    """The representative set: every card a person or an operator meets on a normal evening, in Swedish."""
    fresh = registered()[0]
    reminded, due = replace(fresh, state=State.REMINDED), replace(fresh, state=State.DUE)
    session, _, _ = escalated()
    extend = SV.t("user.button.extend")
    flag = Flag(ANNA, 3, NOW)
    return [
        Shot("user-welcome", user_cards.welcome_card(SV)),
        Shot("user-form-blank", registration_form_card(RegistrationForm(phone="070-123 45 67"), SV, POLICY, NOW)),
        Shot("user-form-refused", registration_form_card(refused_form(), SV, POLICY, NOW, REFUSALS, attempts=2)),
        Shot("user-receipt", user_cards.receipt_card(fresh, SV, POLICY, NOW)),
        Shot("user-receipt-extend-open", user_cards.receipt_card(fresh, SV, POLICY, NOW), clicks=(extend,)),
        Shot("user-reminder", user_cards.reminder_card(reminded, SV, POLICY)),
        Shot("user-at-sluttid", user_cards.due_card(due, SV, POLICY)),
        Shot("user-at-sluttid-360px", user_cards.due_card(due, SV, POLICY), 360),  # a phone-sized pane
        Shot("user-escalation-notice", user_cards.escalation_notice_card(session, SV, POLICY, ESCALATED_AT)),
        Shot("admin-flag", admin_cards.flag_card(flag, POLICY.flag_period, SV)),
        *escalation_shots(),
    ]


# ------------------------------------------------------------------------------------------- the page

# An approximation of Teams' light theme (Microsoft's designer ships a similar "microsoft-teams-light" config).
_COLORS = {"default": ("#242424", "#616161"), "dark": ("#252424", "#605E5C"), "light": ("#FFFFFF", "#F3F2F1")}
_COLORS |= {"accent": ("#6264A7", "#8B8CC7"), "good": ("#237B4B", "#5C9E79"), "warning": ("#835C00", "#A57F2F")}
_COLORS |= {"attention": ("#C4314B", "#D36A7C")}
_FOREGROUND = {name: {"default": default, "subtle": subtle} for name, (default, subtle) in _COLORS.items()}
_BACKGROUNDS = {"default": "#FFFFFF", "emphasis": "#F5F5F5", "accent": "#E8EBFA", "good": "#E7F2DA"}
_BACKGROUNDS |= {"attention": "#FCF4F6", "warning": "#FFF4CE"}
_REQUIRED_LABEL = {"weight": "bolder", "suffix": " *", "suffixColor": "attention"}
HOST_CONFIG: dict[str, Any] = {
    "fontFamily": "'Segoe UI', 'Segoe UI Web (West European)', Selawik, 'Liberation Sans', Arial, sans-serif",
    "supportsInteractivity": True,
    "spacing": {"small": 8, "default": 12, "medium": 16, "large": 20, "extraLarge": 24, "padding": 16},
    "separator": {"lineThickness": 1, "lineColor": "#E1DFDD"},
    "fontSizes": {"small": 12, "default": 14, "medium": 14, "large": 18, "extraLarge": 24},
    "fontWeights": {"lighter": 200, "default": 400, "bolder": 600},
    "containerStyles": {
        name: {"backgroundColor": bg, "foregroundColors": _FOREGROUND} for name, bg in _BACKGROUNDS.items()
    },
    "actions": {"maxActions": 6, "buttonSpacing": 8, "actionsOrientation": "horizontal", "actionAlignment": "left"}
    | {"showCard": {"actionMode": "inline", "inlineTopMargin": 16, "style": "emphasis"}},
    "factSet": {"title": {"weight": "bolder", "wrap": True, "maxWidth": 150}, "value": {"wrap": True}, "spacing": 12},
    "textStyles": {"heading": {"size": "large", "weight": "bolder", "color": "default"}},
    "inputs": {
        "label": {"inputSpacing": "small", "requiredInputs": _REQUIRED_LABEL, "optionalInputs": {"weight": "bolder"}},
        "errorMessage": {"color": "attention"},
    },
}

CSS = """
body { margin: 0; background: #f0f0f0; font-family: 'Segoe UI', 'Liberation Sans', Arial, sans-serif; }
#frame { margin: %(m)dpx; width: %(w)dpx; background: #fff; border: 1px solid #e0e0e0; border-radius: 6px;
  overflow: hidden; }
#report { display: none; }
.ac-pushButton { font: 600 14px 'Segoe UI', 'Liberation Sans', Arial, sans-serif; color: #242424; background: #fff;
  border: 1px solid #d1d1d1; border-radius: 4px; padding: 5px 12px; min-height: 32px; cursor: pointer; }
.ac-pushButton.primary { background: #5b5fc7; border-color: #5b5fc7; color: #fff; }
.ac-pushButton.style-destructive { color: #c4314b; }
.ac-pushButton.expanded { background: #e8ebfa; border-color: #5b5fc7; }
.ac-input, .ac-input input, .ac-input select, .ac-input textarea { font: 14px 'Segoe UI', 'Liberation Sans', Arial,
  sans-serif; }
.ac-textInput, .ac-dateInput, .ac-timeInput, .ac-multichoiceInput, .ac-numberInput { border: 1px solid #d1d1d1;
  border-radius: 4px; padding: 5px 8px; min-height: 32px; box-sizing: border-box; background: #fff; }
.ac-textInput.ac-multiline { height: 72px; }
.ac-input-validation-failed { border-color: #c4314b !important; }
a { color: #5b5fc7; }
"""

# Teams renders a subset of Markdown in TextBlocks and facts: **bold**, _italic_, [links](url), lists, line breaks.
MARKDOWN_JS = r"""
function md(src) {
  const esc = s => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  const inline = s => esc(s)
    .replace(/\[([^\]]+)\]\(([^)\s]+)\)/g, '<a href="$2">$1</a>')
    .replace(/\*\*(.+?)\*\*/g, '<strong>$1</strong>')
    .replace(/(^|[\s(])_(\S.*?)_(?=[\s).,:;!?]|$)/g, '$1<em>$2</em>')
    .replace(/(^|[\s(])\*(\S.*?)\*(?=[\s).,:;!?]|$)/g, '$1<em>$2</em>');
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

RENDER_JS = r"""
const frame = document.getElementById('frame');
const report = {warnings: [], clipped: [], outside: [], clicked: [], missingClicks: []};
AdaptiveCards.AdaptiveCard.onProcessMarkdown = (text, result) => { result.outputHtml = md(text);
  result.didProcess = true; };
try {
  const ac = new AdaptiveCards.AdaptiveCard();
  ac.hostConfig = new AdaptiveCards.HostConfig(HOST_CONFIG);
  const ctx = new AdaptiveCards.SerializationContext();
  ac.parse(CARD, ctx);
  for (let i = 0; i < ctx.eventCount; i++) report.warnings.push('parse: ' + ctx.getEventAt(i).message);
  for (const e of ac.validateProperties().validationEvents) report.warnings.push('validate: ' + e.message);
  frame.appendChild(ac.render());
  for (const title of CLICKS) {
    const button = [...frame.querySelectorAll('button')].find(b => b.textContent.trim() === title
      || b.getAttribute('aria-label') === title);
    if (button) { button.click(); report.clicked.push(title); } else report.missingClicks.push(title);
  }
} catch (e) { report.warnings.push('render error: ' + e); }
const right = frame.getBoundingClientRect().right;
for (const el of frame.querySelectorAll('*')) {
  const cs = getComputedStyle(el);
  if (cs.display === 'none' || el.clientWidth === 0) continue;
  const text = (el.textContent || el.value || '').trim().replace(/\s+/g, ' ').slice(0, 90);
  const hides = cs.overflowX !== 'visible' || cs.textOverflow === 'ellipsis';
  if (hides && el.children.length === 0 && el.scrollWidth > el.clientWidth + 1) report.clipped.push(
    el.tagName.toLowerCase() + '.' + (el.className || '') + ': ' + text);
  if (cs.overflowY !== 'visible' && el.scrollHeight > el.clientHeight + 2 && el.tagName !== 'TEXTAREA'
      && el.children.length === 0) report.clipped.push('(height) ' + el.tagName.toLowerCase() + ': ' + text);
  if (el.getBoundingClientRect().right > right + 1) report.outside.push(el.tagName.toLowerCase() + ': ' + text);
}
report.height = Math.ceil(frame.getBoundingClientRect().bottom) + MARGIN;
document.getElementById('report').textContent = JSON.stringify(report);
"""


def _script_json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False).replace("</", "<\\/")


def page(shot: Shot, renderer: Path) -> str:
    """A self-contained page that renders the shot's card, presses its buttons and reports what it saw."""
    consts = (
        f"const CARD = {_script_json(shot.card)};\nconst HOST_CONFIG = {_script_json(HOST_CONFIG)};\n"
        f"const CLICKS = {_script_json(list(shot.clicks))};\nconst MARGIN = {MARGIN};\n"
    )
    return (
        f'<!doctype html>\n<html lang="sv"><head><meta charset="utf-8"><title>{html.escape(shot.name)}</title>\n'
        f"<style>{CSS % {'m': MARGIN, 'w': shot.width}}</style>\n"
        f'<script src="{renderer.resolve().as_uri()}"></script></head>\n'
        f'<body><div id="frame"></div><pre id="report"></pre>\n'
        f"<script>\n{consts}{MARKDOWN_JS}{RENDER_JS}</script></body></html>\n"
    )


# ------------------------------------------------------------------------------------------ the browser

CHROMIUM_FLAGS = (
    "--headless --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking "
    "--disable-component-update --disable-sync --hide-scrollbars --force-device-scale-factor=1"
)


def chromium(binary: str, *args: str) -> str:
    """One headless run with a fresh profile; returns what it printed on stdout."""
    with tempfile.TemporaryDirectory(prefix="render-cards-") as profile:
        result = subprocess.run(
            [binary, *CHROMIUM_FLAGS.split(), f"--user-data-dir={profile}", *args],
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
    if result.returncode != 0:
        raise RuntimeError(f"chromium failed ({result.returncode}): {result.stderr[-2000:]}")
    return result.stdout


def measure(binary: str, html_path: Path, width: int) -> dict[str, Any]:
    """Renders the page once to read its report (height, warnings, clipped text)."""
    dom = chromium(
        binary, "--virtual-time-budget=3000", f"--window-size={width},4000", "--dump-dom", html_path.as_uri()
    )
    found = re.search(r'<pre id="report">(.*?)</pre>', dom, re.S)
    if found is None or not found.group(1):
        raise RuntimeError(f"{html_path.name}: the page wrote no report (renderer not loaded?)")
    report: dict[str, Any] = json.loads(html.unescape(found.group(1)))
    return report


def screenshot(binary: str, html_path: Path, png: Path, width: int, height: int) -> None:
    size = f"--window-size={width},{max(height, 100)}"
    chromium(binary, "--virtual-time-budget=3000", size, f"--screenshot={png}", html_path.as_uri())
    if not png.exists():
        raise RuntimeError(f"chromium wrote no screenshot for {html_path.name}")


# ----------------------------------------------------------------------------------------------- main


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("outdir", type=Path, help="where the HTML pages, PNGs and report.json go")
    parser.add_argument("--renderer", type=Path, default=Path(os.environ.get("TRYGGHET_AC_JS", DEFAULT_RENDERER)))
    parser.add_argument("--chromium", default=os.environ.get("CHROMIUM", "/usr/bin/chromium"))
    parser.add_argument("--only", default="", help="render only the cards whose name contains this")
    args = parser.parse_args(argv)
    if not args.renderer.is_file():
        parser.error(f"no Adaptive Cards renderer at {args.renderer} (npm install --no-save adaptivecards@3)")
    if not Path(args.chromium).exists():
        parser.error(f"no chromium at {args.chromium} (apt-get install -y chromium)")
    args.outdir.mkdir(parents=True, exist_ok=True)
    report_path = args.outdir / "report.json"
    reports: dict[str, Any] = json.loads(report_path.read_text(encoding="utf-8")) if report_path.exists() else {}
    for shot in build_shots():
        if args.only not in shot.name:
            continue
        html_path, png = args.outdir / f"{shot.name}.html", args.outdir / f"{shot.name}.png"
        html_path.write_text(page(shot, args.renderer), encoding="utf-8")
        window = shot.width + 2 * MARGIN
        report = measure(args.chromium, html_path, window)
        screenshot(args.chromium, html_path, png, window, int(report["height"]))
        reports[shot.name] = report
        problems = [*report["warnings"], *(f"clipped: {c}" for c in report["clipped"])]
        problems += [*(f"outside the card: {o}" for o in report["outside"])]
        problems += [f"no button titled {title!r}" for title in report["missingClicks"]]
        print(f"{png}  {window}x{report['height']}" + (f"  {len(problems)} note(s)" if problems else ""))
        for problem in problems:
            print(f"    {problem}")
    report_path.write_text(json.dumps(reports, ensure_ascii=False, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
