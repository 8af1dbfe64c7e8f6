"""The app as a real process, the way the wall-clock scenarios run it: started as deployed (`python app.py`,
optionally under cProfile), waited for until it is ready, and read from /proc for its CPU time and memory.
"""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import IO

import aiohttp

from tests.support.azurite import REPO_ROOT, free_port

TICKS = os.sysconf("SC_CLK_TCK")


@dataclass
class App:
    process: subprocess.Popen[bytes]
    port: int

    @property
    def pid(self) -> int:
        return self.process.pid

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def cpu_seconds(self) -> float:
        """User and system CPU time so far (/proc/<pid>/stat)."""
        fields = Path(f"/proc/{self.pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / TICKS

    def rss_mb(self) -> float:
        for line in Path(f"/proc/{self.pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
        return 0.0


def app_log() -> IO[bytes] | int:
    """Where the app's log goes: BENCH_APP_LOG names a file to append to (for a look at what it did)."""
    path = os.environ.get("BENCH_APP_LOG")
    return Path(path).open("ab") if path else subprocess.DEVNULL


def spawn_app(env: dict[str, str], profile: str = "") -> App:
    """app.py as deployed on a free port; with `profile`, under cProfile, its statistics written there at exit."""
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, *(["-m", "cProfile", "-o", profile] if profile else []), "app.py"],
        cwd=REPO_ROOT,
        env={**os.environ, **env, "PORT": str(port)},
        stdout=subprocess.DEVNULL,
        stderr=app_log(),
    )
    return App(process, port)


async def wait_ready(app: App, timeout: float = 60.0) -> None:
    """Until /healthz/ready answers 200 (the app opened its tables and started its scheduler)."""
    deadline = time.monotonic() + timeout
    async with aiohttp.ClientSession() as http:
        while time.monotonic() < deadline:
            if app.process.poll() is not None:
                raise RuntimeError(f"app.py exited with {app.process.returncode}")
            try:
                async with http.get(f"{app.url}/healthz/ready") as response:
                    if response.status == 200:
                        return
            except aiohttp.ClientError:
                pass
            await asyncio.sleep(0.2)
    raise TimeoutError("app.py was not ready in time")
