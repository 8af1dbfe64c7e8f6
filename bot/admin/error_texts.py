"""The admin's refusals by code, each with its catalog key written out (no key is built from a code)."""

from __future__ import annotations

from collections.abc import Mapping

ADMIN_ERRORS: Mapping[str, str] = {
    "too_many_words": "admin.error.too_many_words",
    "person_required": "admin.error.person_required",
    "bad_date": "admin.error.bad_date",
    "bad_format": "admin.error.bad_format",
    "period_required": "admin.error.period_required",
    "period_backwards": "admin.error.period_backwards",
    "reason_required": "admin.error.reason_required",
    "security_head_only": "admin.error.security_head_only",
    "standby_empty": "admin.error.standby_empty",
    "standby_too_many": "admin.error.standby_too_many",
    "standby_no_role": "admin.error.standby_no_role",
    "standby_usage": "admin.error.standby_usage",
    "role_usage": "admin.error.role_usage",
    "settings_usage": "admin.error.settings_usage",
    "setting_unknown": "admin.error.setting_unknown",
    "setting_not_duration": "admin.error.setting_not_duration",
    "setting_not_number": "admin.error.setting_not_number",
    "setting_out_of_range": "admin.error.setting_out_of_range",
    "already_barred": "admin.error.already_barred",
    "not_barred": "admin.error.not_barred",
    "bad_role": "admin.error.bad_role",
    "admin_from_environment": "admin.error.admin_from_environment",
    "no_role": "admin.error.no_role",
    "no_flag": "admin.error.no_flag",
    "no_case": "admin.error.no_case",
    "case_required": "admin.error.case_required",
    "already_recorded": "admin.error.already_recorded",
}
GENERIC = "error.generic"


def admin_error_key(code: str) -> str:
    """The sentence for a refusal code, or the generic apology for a code with none."""
    return ADMIN_ERRORS.get(code, GENERIC)
