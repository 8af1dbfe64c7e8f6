"""English texts, used when Teams reports an English locale: message key -> `str.format` template.

Every key here must also be in `sv.py`, with the same `{placeholders}` (a test checks this).
"""

from __future__ import annotations

MESSAGES: dict[str, str] = {
    "welcome.title": "Welcome to Trygghet",
    "welcome.description.1": "Trygghet is the personal safety service for you who work alone or visit clients.",
    "welcome.description.2": "Tell us where you are going and when you expect to be done, then check in when you are.",
    "welcome.description.3": "If you do not check in on time, an alarm goes to the safety centre, which follows up.",
    "fallback.phone": "If Teams is not working: call the safety centre (trygghetscentralen) on 010-435 40 20",
    "error.generic": "Sorry, something went wrong on our side. Please try again in a little while.",
    "help.title": "Help",
    "duration.minutes.one": "{count} minute",
    "duration.minutes.other": "{count} minutes",
    "duration.hours.one": "{count} hour",
    "duration.hours.other": "{count} hours",
    "duration.hours_and_minutes": "{hours} and {minutes}",
}
