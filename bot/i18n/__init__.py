"""User-facing texts in Swedish (default) and English, and locale-aware date/time formatting.

Usage: `texts = texts_for(activity.locale)`, then `texts.t("welcome.title")`; times via `bot.i18n.timefmt`.
"""

from __future__ import annotations

from bot.i18n.catalog import CATALOGS, Language, Texts, language_for, texts_for

__all__ = ["CATALOGS", "Language", "Texts", "language_for", "texts_for"]
