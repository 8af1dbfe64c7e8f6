"""`make run`: start everything a developer needs to chat with the bot locally, and stop it all together.

Starts Azurite (unless TRYGGHET_STORAGE or TRYGGHET_STORAGE_URL points elsewhere), then the bot, then the
Microsoft 365 Agents Playground pointed at the bot. Ctrl-C or SIGTERM stops all of them; if one of them
dies, the others are stopped too and the exit code is non-zero. Standard library only.

Environment: PORT (bot port, default 3978); PLAYGROUND_PORT (the Playground's, default 56150);
TRYGGHET_BOT_CMD (bot command, default `.venv/bin/python app.py`).
"""

from __future__ import annotations

import os
import shlex
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from types import FrameType
from typing import TypeVar

T = TypeVar("T")

ROOT = Path(__file__).resolve().parent.parent
BIN = ROOT / "node_modules" / ".bin"
AZURITE_PORT = 10002
DEFAULT_PLAYGROUND_PORT = 56150
STOP_TIMEOUT = 10.0
# The public, well-known key of the storage emulator's development account (not a secret).
DEV_STORAGE = (
    "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;"
    "AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;"
    f"TableEndpoint=http://127.0.0.1:{AZURITE_PORT}/devstoreaccount1;"
)


class StopRequested(Exception):
    """Raised by the signal handler so that every wait, at any stage, unwinds into the shutdown."""


class RunFailed(Exception):
    """A child exited on its own, or did not come up in time."""


@dataclass
class Child:
    """A started process and the name the messages use for it."""

    name: str
    process: subprocess.Popen[bytes]


def log(message: str) -> None:
    print(f"[run_local] {message}", flush=True)


def start(children: list[Child], name: str, command: list[str], env: dict[str, str]) -> None:
    log(f"starting {name}: {shlex.join(command)}")
    # Its own process group: Ctrl-C reaches only us, and we stop the children in order.
    process = subprocess.Popen(command, cwd=ROOT, env=env, stdin=subprocess.DEVNULL, process_group=0)
    children.append(Child(name, process))


def check_alive(children: list[Child]) -> None:
    for child in children:
        code = child.process.poll()
        if code is not None:
            raise RunFailed(f"{child.name} exited with code {code}")


def port_answers(port: int) -> bool:
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=0.5):
            return True
    except OSError:
        return False


def http_status(url: str, timeout: float = 2.0) -> int | None:
    """The status of GET url, or None if nothing answers (any HTTP status counts as an answer)."""
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            status: int = response.status
            return status
    except urllib.error.HTTPError as error:
        return error.code
    except (urllib.error.URLError, OSError):
        return None


def wait_until(what: str, probe: Callable[[], T], children: list[Child], timeout: float) -> T:
    """Poll `probe()` until it returns something truthy (and return that); fail if a child dies first."""
    deadline = time.monotonic() + timeout
    while not (result := probe()):
        check_alive(children)
        if time.monotonic() > deadline:
            raise RunFailed(f"{what} did not answer within {timeout:.0f} s")
        time.sleep(0.2)
    return result


def stop(children: list[Child]) -> None:
    """Stop the children, last started first: SIGTERM to each group, SIGKILL after STOP_TIMEOUT."""
    for child in reversed(children):
        if child.process.poll() is not None:
            continue
        log(f"stopping {child.name}")
        try:
            os.killpg(child.process.pid, signal.SIGTERM)
            child.process.wait(STOP_TIMEOUT)
        except subprocess.TimeoutExpired:
            log(f"{child.name} did not stop within {STOP_TIMEOUT:.0f} s; killing it")
            os.killpg(child.process.pid, signal.SIGKILL)
            child.process.wait()
        except ProcessLookupError:
            child.process.wait()


# The Playground's own fake tenant: its team "My Team" (id team-id) has the channel General (id team-id), and
# its signed-in user is Alex Wilber. Binding that channel and making Alex the first admin lets one person play
# user, operator and admin in the Playground. Only applied when not set, so a real configuration wins.
PLAYGROUND_TENANT = "00000000-0000-0000-0000-0000000000001"
PLAYGROUND_ADMIN = "00000000-0000-0000-0000-0000000000020"


def demo_defaults(env: dict[str, str], playground_port: int) -> None:
    channel = f"team-id|team-id|http://localhost:{playground_port}/_connector|{PLAYGROUND_TENANT}"
    for name, value, what in (
        ("TRYGGHET_OPERATOR_CHANNEL", channel, "the Playground's team channel 'General' is the operators'"),
        ("TRYGGHET_ADMINS", PLAYGROUND_ADMIN, "the Playground's user Alex Wilber is an admin"),
    ):
        if not env.get(name):
            env[name] = value
            log(f"{name} not set: {what}")


def run(children: list[Child]) -> None:
    env = dict(os.environ)
    bot_port = int(env.setdefault("PORT", "3978"))
    playground_port = int(env.get("PLAYGROUND_PORT") or DEFAULT_PLAYGROUND_PORT)

    if not (env.get("TRYGGHET_STORAGE") or env.get("TRYGGHET_STORAGE_URL")):
        if port_answers(AZURITE_PORT):
            raise RunFailed(f"port {AZURITE_PORT} is taken: stop what runs there, or set TRYGGHET_STORAGE")
        (ROOT / ".azurite").mkdir(exist_ok=True)
        azurite = [
            str(BIN / "azurite-table"),
            *("--tableHost", "127.0.0.1", "--tablePort", str(AZURITE_PORT), "--location", ".azurite"),
            *("--skipApiVersionCheck", "--loose", "--disableTelemetry", "--silent"),
        ]
        start(children, "azurite", azurite, env)
        wait_until("azurite", lambda: port_answers(AZURITE_PORT), children, timeout=30)
        env["TRYGGHET_STORAGE"] = DEV_STORAGE
        log(f"azurite is listening on 127.0.0.1:{AZURITE_PORT} (data in .azurite/)")
    else:
        log("using the storage configured in TRYGGHET_STORAGE / TRYGGHET_STORAGE_URL")

    demo_defaults(env, playground_port)
    bot_command = shlex.split(env.get("TRYGGHET_BOT_CMD", ".venv/bin/python app.py"))
    start(children, "bot", bot_command, env)
    health_url = f"http://127.0.0.1:{bot_port}/healthz"
    status = wait_until("the bot", lambda: http_status(health_url), children, timeout=60)
    log(f"bot health: GET {health_url} -> {status}")

    # Without TEAMSAPPTESTER_BROWSER=none it exits trying to open a browser. Its log and recordings would
    # go to ./devTools/; keep them in node_modules/.cache/ instead, out of the work tree.
    cache = BIN.parent / ".cache"
    playground_env = {
        "M365_AGENTS_PLAYGROUND_LOGFILE": str(cache / "m365agentsplayground.log"),
        "M365_AGENTS_PLAYGROUND_RECORDING_FILE": str(cache / "m365agentsplayground-recording.log"),
        **env,
        "TEAMSAPPTESTER_BROWSER": "none",
    }
    playground = [str(BIN / "agentsplayground"), "-e", f"http://127.0.0.1:{bot_port}/api/messages"]
    playground += ["-c", "msteams", "-p", str(playground_port), "--disable-telemetry"]
    if port_answers(playground_port):  # the Playground would quietly pick another port and never be found
        raise RunFailed(f"port {playground_port} is taken (an earlier make run still stopping?): stop it and retry")
    start(children, "agents playground", playground, playground_env)
    wait_until("the agents playground", lambda: port_answers(playground_port), children, timeout=60)

    log("")
    log(f"Ready. Open the Agents Playground at http://localhost:{playground_port}")
    log(f"Bot health: {health_url}    Press Ctrl-C to stop everything.")
    log("")
    while True:
        check_alive(children)
        time.sleep(0.5)


def main() -> int:
    def request_stop(signum: int, frame: FrameType | None) -> None:
        raise StopRequested(signal.Signals(signum).name)

    signal.signal(signal.SIGINT, request_stop)
    signal.signal(signal.SIGTERM, request_stop)
    children: list[Child] = []
    code = 0
    try:
        run(children)
    except StopRequested as stop_signal:
        log(f"{stop_signal} received; stopping")
    except RunFailed as failure:
        log(f"FAILED: {failure}; stopping the others")
        code = 1
    finally:
        # A second Ctrl-C must not leave children behind; the stop itself is bounded by STOP_TIMEOUT.
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        signal.signal(signal.SIGTERM, signal.SIG_IGN)
        stop(children)
    return code


if __name__ == "__main__":
    sys.exit(main())
