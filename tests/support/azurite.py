"""Start and stop a throwaway Azurite table service, so tests and benchmarks run against real Table Storage
semantics (ETags, filters, batches) without an Azure account.

Reusable outside pytest: `with running_azurite_table() as azurite: ...` gives a connection string.
"""

from __future__ import annotations

import socket
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]
AZURITE_TABLE_BIN = REPO_ROOT / "node_modules" / ".bin" / "azurite-table"

# The well-known, public development account of the Azure storage emulators (not a secret; the same
# key is in Azurite's and azure-data-tables' sources).
DEV_ACCOUNT_NAME = "devstoreaccount1"
DEV_ACCOUNT_KEY = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw=="


def dev_connection_string(host: str, port: int) -> str:
    """The explicit development-account connection string for an emulator at host:port."""
    return (
        f"DefaultEndpointsProtocol=http;AccountName={DEV_ACCOUNT_NAME};AccountKey={DEV_ACCOUNT_KEY};"
        f"TableEndpoint=http://{host}:{port}/{DEV_ACCOUNT_NAME};"
    )


def free_port(host: str = "127.0.0.1") -> int:
    """A TCP port that was free a moment ago (the OS picks it)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((host, 0))
        port: int = sock.getsockname()[1]
        return port


def port_answers(host: str, port: int) -> bool:
    """True if something accepts TCP connections on host:port."""
    try:
        with socket.create_connection((host, port), timeout=0.5):
            return True
    except OSError:
        return False


def wait_for_port(host: str, port: int, timeout: float, process: subprocess.Popen[bytes] | None = None) -> None:
    """Block until host:port accepts connections; fail early if `process` exits meanwhile."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            code = process.returncode
            raise RuntimeError(f"process {process.args!r} exited with code {code} before listening")
        if port_answers(host, port):
            return
        time.sleep(0.05)
    raise TimeoutError(f"nothing answered on {host}:{port} within {timeout:.0f} s")


@dataclass
class AzuriteTable:
    """A table endpoint: either one this module started (`process` set) or an external one."""

    connection_string: str
    host: str | None = None
    port: int | None = None
    process: subprocess.Popen[bytes] | None = None

    def __str__(self) -> str:
        return self.connection_string

    def stop(self, timeout: float = 10.0) -> None:
        """Stop the process if this module started it (terminate, then kill after `timeout`)."""
        if self.process is None or self.process.poll() is not None:
            return
        self.process.terminate()
        try:
            self.process.wait(timeout)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


def start_azurite_table(
    *,
    host: str = "127.0.0.1",
    port: int | None = None,
    location: Path | None = None,
    binary: Path = AZURITE_TABLE_BIN,
    timeout: float = 30.0,
) -> AzuriteTable:
    """Start `azurite-table` and wait until it listens.

    Data is kept in memory unless `location` names a folder. With no `port`, a free one is chosen
    (and retried a few times, since another process may take it between choosing and binding).
    """
    if not binary.exists():
        raise FileNotFoundError(f"{binary} not found: run `make setup` (npm ci) first")
    attempts = 1 if port is not None else 3
    last_error: Exception | None = None
    for _ in range(attempts):
        chosen = port if port is not None else free_port(host)
        storage = ["--location", str(location)] if location is not None else ["--inMemoryPersistence"]
        command = [
            str(binary),
            "--tableHost", host,
            "--tablePort", str(chosen),
            *storage,
            "--skipApiVersionCheck", "--loose", "--disableTelemetry", "--silent",
        ]  # fmt: skip
        process = subprocess.Popen(command, stdin=subprocess.DEVNULL)
        try:
            wait_for_port(host, chosen, timeout, process)
        except (RuntimeError, TimeoutError) as error:
            AzuriteTable("", process=process).stop()
            last_error = error
            continue
        return AzuriteTable(dev_connection_string(host, chosen), host, chosen, process)
    raise RuntimeError(f"could not start azurite-table: {last_error}")


@contextmanager
def running_azurite_table(external_connection_string: str | None = None) -> Iterator[AzuriteTable]:
    """Yield a table endpoint for the duration of the block.

    With `external_connection_string`, nothing is started and that string is used as is.
    """
    if external_connection_string:
        yield AzuriteTable(external_connection_string)
        return
    azurite = start_azurite_table()
    try:
        yield azurite
    finally:
        azurite.stop()
