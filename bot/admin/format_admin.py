"""The admin answers as text: history, statistics, export summary, bars, flags, roles, settings, purge, help.

Plain data in (from bot/services/), Markdown-ish lines out, in the reader's language; Teams and the CLI print
the same string.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import timedelta

from bot.admin.format_sessions import bullet_list, history_line, stamp, with_case
from bot.domain.flags import Flag, fine_after_all_at
from bot.domain.model import Outcome, Person
from bot.domain.period import Period
from bot.domain.stats import OPEN
from bot.i18n import Texts
from bot.i18n.labels import inline, label
from bot.services.admin_export import AuditExport
from bot.services.admin_queries import History, StatsReport
from bot.services.admin_roles import RoleList
from bot.services.admin_settings import Setting, SettingChange
from bot.services.retention import PurgeResult
from bot.services.standby import StandbyMember
from bot.store.bars import Bar

OUTCOME_ORDER = (Outcome.REACHED_WELL, Outcome.SELF_REPORTED, Outcome.POLICE_HANDLING, Outcome.OTHER)
ROLE_NAMES = {
    "admin": "admin.role.admin",
    "operator": "admin.role.operator",
    "security_head": "admin.role.security_head",
}
FLAG_DECISIONS = {
    "": "admin.flagged.decision.open",
    "ignored": "admin.flagged.decision.ignored",
    "barred": "admin.flagged.decision.barred",
    "lifted": "admin.flagged.decision.lifted",
}
# What each setting (bot/domain/policy.py's fields) is for, as `inställningar` explains it.
SETTING_TEXTS = {
    "reminder_lead": "admin.setting.reminder_lead",
    "reminder_early": "admin.setting.reminder_early",
    "grace": "admin.setting.grace",
    "call_interval": "admin.setting.call_interval",
    "call_attempts": "admin.setting.call_attempts",
    "unclaimed_renotify": "admin.setting.unclaimed_renotify",
    "standby_after": "admin.setting.standby_after",
    "claim_stale": "admin.setting.claim_stale",
    "max_session": "admin.setting.max_session",
    "retention": "admin.setting.retention",
    "delivery_retry": "admin.setting.delivery_retry",
    "flag_threshold": "admin.setting.flag_threshold",
    "flag_period": "admin.setting.flag_period",
}


def period(p: Period) -> str:
    return p.first.isoformat() if p.first == p.last else f"{p.first.isoformat()} – {p.last.isoformat()}"


def days(value: timedelta) -> str:
    return str(round(value / timedelta(days=1)))


def minutes(value: timedelta) -> str:
    return str(round(value / timedelta(minutes=1)))


def person_ref(person: Person) -> str:
    """ "Anna Andersson (anna@vgr.se, 0f3a…)" — enough to tell two Annas apart."""
    ids = ", ".join(v for v in (person.upn, person.key) if v)
    return f"{person.name} ({ids})" if person.name else ids


def ambiguous(query: str, matches: list[Person], texts: Texts) -> str:
    lines = bullet_list([person_ref(p) for p in matches], texts)
    return "\n".join([texts.t("admin.person.ambiguous", query=query), *lines])


def role_name(role: str | None, texts: Texts) -> str:
    return texts.t(ROLE_NAMES[role]) if role in ROLE_NAMES else texts.t("admin.role.none")


def history(h: History, texts: Texts) -> str:
    lines = [texts.t("admin.history.title", person=person_ref(h.person))]
    lines.append(texts.t("admin.history.role", role=role_name(h.role, texts)))
    if h.bar is not None:
        lines.append(
            texts.t("admin.history.barred", when=stamp(h.bar.barred_at), by=h.bar.barred_by, reason=h.bar.reason)
        )
    escalations = [s for s in h.sessions if s.escalation is not None]
    needless = [s for s in escalations if fine_after_all_at(s) is not None]
    lines.append(
        texts.t("admin.history.summary", sessions=len(h.sessions), escalations=len(escalations), needless=len(needless))
    )
    lines += bullet_list([with_case(history_line(s, texts), s, texts) for s in h.sessions], texts)
    return "\n".join(lines)


def statistics(report: StatsReport, texts: Texts) -> str:
    s = report.stats
    counts = [(inline(texts, o), s.escalations_by_outcome.get(o.value, 0)) for o in OUTCOME_ORDER]
    counts.append((texts.t("admin.outcome.open"), s.escalations_by_outcome.get(OPEN, 0)))
    outcomes = "; ".join(texts.t("admin.stats.outcome", outcome=name, count=n) for name, n in counts)
    late = s.late
    lines = [
        texts.t("admin.stats.title", period=period(report.period)),
        "- " + texts.t("admin.stats.sessions", count=s.sessions, active=s.active),
        "- " + texts.t("admin.stats.on_time", count=s.confirmed_on_time),
        "- " + texts.t("admin.stats.late", count=s.confirmed_late),
        "- " + texts.t("admin.stats.cancelled", count=s.cancelled),
        "- " + texts.t("admin.stats.escalations", count=s.escalations, outcomes=outcomes),
        "- " + texts.t("admin.stats.police", count=s.police_alerts),
        "- "
        + (
            texts.t(
                "admin.stats.lateness",
                late=texts.t("count.confirmations", count=late.count),
                median=minutes(late.median),
                p90=minutes(late.p90),
                after_alarm=late.after_alarm,
            )
            if late.median is not None and late.p90 is not None
            else texts.t("admin.stats.no_lateness")
        ),
    ]
    if s.organisations:
        lines.append(texts.t("admin.stats.per_organisation"))
        org_lines = [
            texts.t(
                "admin.stats.organisation",
                organisation=o.organisation,
                sessions=texts.t("count.sessions", count=o.sessions),
                escalations=texts.t("count.alarms", count=o.escalations),
                police=texts.t("count.police_alerts", count=o.police_alerts),
            )
            for o in s.organisations
        ]
        lines += bullet_list(org_lines, texts)
    return "\n".join(lines)


def export_summary(export: AuditExport, texts: Texts) -> str:
    lines = [
        texts.t(
            "admin.export.title",
            period=period(export.period),
            events=texts.t("count.events", count=len(export.rows)),
            sessions=texts.t("count.sessions", count=export.sessions),
        )
    ]
    kinds = [texts.t("admin.export.kind", event=label(texts, kind), count=n) for kind, n in export.counts()]
    return "\n".join(lines + bullet_list(kinds, texts))


def export_filename(p: Period) -> str:
    return f"trygghet-logg-{p.first.isoformat()}-{p.last.isoformat()}.csv"


def barred(bars: list[Bar], texts: Texts) -> str:
    if not bars:
        return texts.t("admin.bars.none")
    lines = [
        texts.t("admin.bars.line", name=b.name or b.user_key, when=stamp(b.barred_at), by=b.barred_by, reason=b.reason)
        for b in bars
    ]
    return "\n".join([texts.t("admin.bars.title", count=len(bars)), *bullet_list(lines, texts)])


def flagged(flags: list[Flag], threshold: int, period_: timedelta, texts: Texts) -> str:
    title = texts.t(
        "admin.flagged.title",
        count=len(flags),
        threshold=texts.t("count.alarms", count=threshold),
        period=texts.t("count.last_days", count=round(period_ / timedelta(days=1))),
    )
    if not flags:
        return "\n".join([title, texts.t("admin.flagged.none")])
    lines = [
        texts.t(
            "admin.flagged.line",
            person=person_ref(f.person),
            alarms=texts.t("count.alarms", count=f.count),
            latest=stamp(f.latest),
            decision=texts.t(FLAG_DECISIONS[f.decision]),
        )
        for f in flags
    ]
    return "\n".join([title, *bullet_list(lines, texts)])


def roles(listed: RoleList, texts: Texts) -> str:
    """The grants, then the operators by team membership (those without a grant of their own)."""
    lines = []
    for h in listed.holders:
        source = (
            texts.t("admin.roles.from_env") if h.from_environment else texts.t("admin.roles.granted", by=h.granted_by)
        )
        lines.append(texts.t("admin.roles.line", name=h.name or h.key, role=role_name(h.role, texts), source=source))
    granted = [texts.t("admin.roles.title", count=len(listed.holders)), *bullet_list(lines, texts)]
    return "\n".join([*granted, "", team_operators(listed, texts)])


def team_operators(listed: RoleList, texts: Texts) -> str:
    team = listed.team
    if not team.bound:
        return texts.t("admin.roles.team.unbound")
    if team.members is None:
        return texts.t(
            "admin.roles.team.no_teams" if team.why_unknown == "no_teams" else "admin.roles.team.unavailable"
        )
    granted = {h.key for h in listed.holders}
    members = [m for m in team.members if m.key not in granted]
    lines = [texts.t("admin.roles.team.line", name=m.name or m.key, upn=m.upn or m.key) for m in members]
    return "\n".join([texts.t("admin.roles.team.title", count=len(members)), *bullet_list(lines, texts)])


def settings(items: list[Setting], texts: Texts) -> str:
    lines = []
    for s in items:
        key = "admin.settings.line.changed" if s.overridden else "admin.settings.line"
        about = texts.t(SETTING_TEXTS[s.name])
        lines.append(texts.t(key, name=s.name, value=s.value, default=s.default, about=about))
    return "\n".join([texts.t("admin.settings.title"), *lines, texts.t("admin.settings.how")])


def setting_changed(change: SettingChange, texts: Texts) -> str:
    return texts.t("admin.settings.changed", name=change.name, old=change.old, new=change.new)


def purge(result: PurgeResult, texts: Texts) -> str:
    key = "admin.purge.dry_run" if result.dry_run else "admin.purge.done"
    sessions = texts.t("count.sessions", count=result.sessions)
    profiles = texts.t("count.people", count=result.profiles)
    return texts.t(key, sessions=sessions, profiles=profiles, cutoff=stamp(result.cutoff))


def standby(members: Sequence[StandbyMember], default: bool, texts: Texts) -> str:
    """The standby list: who gets the card of an alarm nobody in the channel has taken."""
    lines = [m.name or m.key for m in members]
    title = texts.t("admin.standby.default" if default else "admin.standby.title", count=len(members))
    if not lines:
        return texts.t("admin.standby.none")
    return "\n".join([title, *bullet_list(lines, texts)])
