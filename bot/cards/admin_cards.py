"""The card admins get when a person reaches the flag threshold: *Ignorera* or *Spärra*, the decision theirs.

It lists the sluttider behind the count and how each alarm ended, so the decision rests on what happened, not on
a number. *Ignorera* comes first; *Spärra*, which takes the service from a person, is the second, red button.
Its data names the person by key only; the handler checks the admin role and looks the person up again.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import timedelta
from typing import Any

from bot.cards.elements import ActionSubmit, CardPart, Heading, InputText, card
from bot.cards.operator_blocks import text
from bot.domain.flags import Flag
from bot.i18n import Texts
from bot.i18n.timefmt import format_when

BAR = "admin.bar"
IGNORE_FLAG = "admin.ignore_flag"
REASON_INPUT = "reason"
MAX_REASON = 500
# Why a counted alarm was needless (bot/domain/flags.py's NeedlessAlarm.outcome).
FLAG_OUTCOMES: Mapping[str, str] = {
    "reached_well": "admin.flag.outcome.reached_well",
    "confirmed_late": "admin.flag.outcome.confirmed_late",
    "self_reported": "admin.flag.outcome.self_reported",
}
DECIDED: Mapping[str, str] = {"barred": "admin.flag.decided.barred", "ignored": "admin.flag.decided.ignored"}


def _alarm_lines(flag: Flag, texts: Texts) -> list[CardPart]:
    """ "onsdag 18 nov. kl. 14:00 – trygghetscentralen nådde personen, allt väl", one line per counted alarm."""
    if not flag.alarms:
        return []
    lines = [
        texts.t(
            "admin.flag.alarm_police" if alarm.police else "admin.flag.alarm",
            when=format_when(alarm.end_time, texts.language),
            outcome=texts.t(FLAG_OUTCOMES[alarm.outcome]),
        )
        for alarm in flag.alarms
    ]
    return [
        text(texts.t("admin.flag.alarms_title"), weight="bolder"),
        *(text(line, spacing="small") for line in lines),
    ]


def flag_card(flag: Flag, period: timedelta, texts: Texts) -> dict[str, Any]:
    name = flag.person.name or flag.person.key
    days = round(period / timedelta(days=1))
    alarms = texts.t("count.alarms", count=flag.count)
    data = {"person": flag.person.key}
    return card(
        [
            Heading(text=texts.t("admin.flag.title")),
            text(
                texts.t(
                    "admin.flag.body",
                    name=name,
                    times=texts.t("count.times", count=flag.count),
                    period=texts.t("count.last_days", count=days),
                )
            ),
            *_alarm_lines(flag, texts),
            InputText(
                id=REASON_INPUT,
                label=texts.t("admin.flag.reason.label"),
                value=texts.t("admin.flag.reason.default", alarms=alarms, days=texts.t("count.days", count=days)),
                is_required=True,
                max_length=MAX_REASON,
                error_message=texts.t("admin.error.reason_required"),
            ),
        ],
        [
            ActionSubmit(
                title=texts.t("admin.flag.ignore"), data={"verb": IGNORE_FLAG, **data}, associated_inputs="none"
            ),
            ActionSubmit(title=texts.t("admin.flag.bar"), style="destructive", data={"verb": BAR, **data}),
        ],
        lang=texts.language,
    )


def decided_card(name: str, decision: str, by: str, texts: Texts) -> dict[str, Any]:
    """The flag card after the decision: who decided what, no buttons left to press twice."""
    return card(
        [
            Heading(text=texts.t("admin.flag.title")),
            text(texts.t(DECIDED[decision], name=name, by=by)),
        ],
        lang=texts.language,
    )
