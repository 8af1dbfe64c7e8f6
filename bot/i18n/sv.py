"""Swedish texts (the default language): message key -> `str.format` template.

Every key here must also be in `en.py`, with the same `{placeholders}` (a test checks this).
"""

from __future__ import annotations

MESSAGES: dict[str, str] = {
    "welcome.title": "Välkommen till Trygghet",
    "welcome.description.1": "Trygghet är trygghetstjänsten för dig som arbetar ensam eller är ute på besök.",
    "welcome.description.2": "Berätta vart du ska och när du räknar med att vara klar, och checka in när du är det.",
    "welcome.description.3": "Checkar du inte in i tid går ett larm till trygghetscentralen, som följer upp.",
    "fallback.phone": "Om Teams inte fungerar: ring trygghetscentralen 010-435 40 20",
    "error.generic": "Förlåt, något gick fel hos oss. Försök gärna igen om en liten stund.",
    "help.title": "Hjälp",
    "duration.minutes.one": "{count} minut",
    "duration.minutes.other": "{count} minuter",
    "duration.hours.one": "{count} timme",
    "duration.hours.other": "{count} timmar",
    "duration.hours_and_minutes": "{hours} och {minutes}",
}
