"""Start a test worker module as a real process (to be killed): the fault trials' one way to do it."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def spawn(module: str, *args: str) -> subprocess.Popen[bytes]:
    """`python -m <module> <args>` from the repository root; its stderr is kept for a failure message."""
    return subprocess.Popen(
        [sys.executable, "-m", module, *args], cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
