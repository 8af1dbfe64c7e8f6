"""How the service writes its log lines: plain text for a developer, or one JSON object a line for Azure.

`TRYGGHET_LOG_FORMAT=json` (infra/main.bicep sets it) gives each line the time in UTC, the level, the logger, the
message and the correlation id of the turn or timer it belongs to (bot/telemetry.py), so a Log Analytics query
can follow one turn or one due timer across its lines. Messages carry ids and kinds, never personal values
(tests/e2e/test_admin_privacy.py and tests/test_telemetry.py check that with marker strings).
"""

from __future__ import annotations

import json
import logging
from datetime import UTC, datetime

from bot.telemetry import correlation_id

NOISY = ("azure", "apscheduler", "msrest", "opentelemetry")  # request URLs with keys at INFO, every job run


class CorrelationFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        record.correlation_id = correlation_id.get()
        return True


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        line = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
            "correlation_id": getattr(record, "correlation_id", ""),
        }
        if record.exc_info and record.exc_info[0] is not None:
            line["exception"] = record.exc_info[0].__name__  # the type only: a message may quote personal data
        return json.dumps(line, ensure_ascii=False)


def configure(level: str, fmt: str) -> None:
    handler = logging.StreamHandler()
    handler.addFilter(CorrelationFilter())
    if fmt == "json":
        handler.setFormatter(JsonFormatter())
    else:
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s %(correlation_id)s"))
    logging.basicConfig(level=level, handlers=[handler], force=True)
    for noisy in NOISY:
        logging.getLogger(noisy).setLevel(logging.WARNING)
