"""The one rule for tests that need a browser: Debian's Chromium, found by scripts/card_check.chromium_path.

`.ci/run` installs it, so in CI (CI set) a missing Chromium fails the test; on a developer's machine without it
the test is skipped, with the install command as its reason. It is never skipped in silence.
"""

from __future__ import annotations

import os

import pytest

from scripts.card_check import chromium_path


def required_chromium() -> str:
    found = chromium_path()
    if found is None:
        message = "Chromium is not installed: apt-get install -y chromium (or set CHROMIUM)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    return found
