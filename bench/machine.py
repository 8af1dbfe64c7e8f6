"""Where the numbers were measured: cores, CPU, memory, Python and the versions of the pieces that matter."""

from __future__ import annotations

import json
import os
import platform
import subprocess
from importlib import metadata
from pathlib import Path
from typing import Any

from tests.support.azurite import REPO_ROOT

PACKAGES = ("aiohttp", "azure-data-tables", "botbuilder-core", "apscheduler")


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def _memory_gib() -> float | None:
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                return round(int(line.split()[1]) / 1024 / 1024, 1)
    except (OSError, ValueError):
        pass
    return None


def _azurite_version() -> str:
    try:
        package = json.loads((REPO_ROOT / "node_modules" / "azurite" / "package.json").read_text())
        return str(package.get("version", "unknown"))
    except (OSError, ValueError):
        return "unknown"


def _commit() -> str:
    """The checked-out commit (read-only: rev-parse never touches the index or the work tree)."""
    try:
        out = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], cwd=REPO_ROOT, capture_output=True, text=True, timeout=5
        )
    except (OSError, subprocess.TimeoutExpired):
        return "unknown"
    return out.stdout.strip() or "unknown"


def _versions() -> dict[str, str]:
    found: dict[str, str] = {}
    for name in PACKAGES:
        try:
            found[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            found[name] = "missing"
    return found


def machine_info() -> dict[str, Any]:
    usable = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return {
        "cores": os.cpu_count(),
        "usable_cores": usable,
        "cpu": _cpu_model(),
        "memory_gib": _memory_gib(),
        "platform": platform.platform(),
        "python": platform.python_version(),
        "implementation": platform.python_implementation(),
        "azurite": _azurite_version(),
        "packages": _versions(),
        "commit": _commit(),
    }


def describe(info: dict[str, Any]) -> str:
    """One or two lines for the top of the printed report."""
    packages = ", ".join(f"{k} {v}" for k, v in info["packages"].items())
    return (
        f"machine: {info['cores']} cores ({info['usable_cores']} usable), {info['cpu']}, "
        f"{info['memory_gib']} GiB; {info['platform']}\n"
        f"python {info['python']} ({info['implementation']}); azurite {info['azurite']}; {packages}; "
        f"commit {info['commit']}"
    )
