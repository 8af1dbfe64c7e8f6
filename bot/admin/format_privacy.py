"""A person's own data as text ("mina uppgifter"), and the answer to "glöm mig"."""

from __future__ import annotations

from bot.admin.format_admin import days, role_name
from bot.admin.format_sessions import history_line, session_details, stamp
from bot.domain.phone import display_phone
from bot.i18n import Texts
from bot.services.privacy import Forgotten, MyData

PREFILL_ORDER = ("organisation_kind", "organisation", "phone", "contact_role", "contact_name", "contact_phone")


def my_data(data: MyData, texts: Texts) -> str:
    person, profile = data.person, data.profile
    yes, no = texts.t("privacy.yes"), texts.t("privacy.no")
    lines = [texts.t("privacy.title")]
    lines.append("- " + texts.t("privacy.name", name=person.name or "–"))
    lines.append("- " + texts.t("privacy.id", id=person.key))
    if profile is not None:
        lines.append("- " + texts.t("privacy.locale", locale=profile.locale))
        lines.append("- " + texts.t("privacy.reachable", answer=yes if profile.conversation else no))
        prefill = [_prefill_value(name, profile.prefill[name]) for name in PREFILL_ORDER if profile.prefill.get(name)]
        lines.append("- " + texts.t("privacy.prefill", values=", ".join(prefill) if prefill else no))
    else:
        lines.append("- " + texts.t("privacy.no_profile"))
    lines.append("- " + texts.t("privacy.role", role=role_name(data.role, texts)))
    if data.bar is not None:
        lines.append("- " + texts.t("privacy.barred", when=stamp(data.bar.barred_at), reason=data.bar.reason))
    lines.append(texts.t("privacy.sessions", count=len(data.sessions), days=days(data.retention)))
    for session in data.sessions:
        lines.append("- " + history_line(session, texts))
        lines += [f"  - {detail}" for detail in session_details(session, texts)]
    return "\n".join(lines)


def _prefill_value(name: str, value: str) -> str:
    return display_phone(value) if name.endswith("phone") else value


def forgotten(result: Forgotten, texts: Texts) -> str:
    retention = days(result.retention)
    if result.running is not None:
        return texts.t("privacy.forget.running", end=stamp(result.running.end_time), days=retention)
    if result.profile_deleted:
        return texts.t("privacy.forget.done", days=retention)
    return texts.t("privacy.forget.nothing", days=retention)
