"""The locked dependencies match pyproject.toml: every direct dependency is pinned in the lock at a version its
range allows, with hashes, and requirements.txt (what App Service installs) pins the same versions as
requirements-dev.txt (what `make setup` installs). `make lock` writes both again."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

REPO = Path(__file__).resolve().parents[1]
PIN = re.compile(r"^([A-Za-z0-9._-]+)(?:\[[^\]]*\])?==([^\s;\\]+)", re.MULTILINE)


def pins(name: str) -> dict[str, str]:
    text = (REPO / name).read_text(encoding="utf-8")
    return {canonicalize_name(m[1]): m[2] for m in PIN.finditer(text)}


def direct(extra: str | None = None) -> list[Requirement]:
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    listed = project["dependencies"] + (project["optional-dependencies"][extra] if extra else [])
    return [Requirement(r) for r in listed]


def test_every_direct_dependency_is_locked_at_a_version_its_range_allows() -> None:
    for lock, extra in (("requirements.txt", None), ("requirements-dev.txt", "dev")):
        locked = pins(lock)
        wrong = {
            str(r): locked.get(canonicalize_name(r.name))
            for r in direct(extra)
            if (version := locked.get(canonicalize_name(r.name))) is None or version not in r.specifier
        }
        assert wrong == {}, f"{lock} is out of date: run make lock"


def test_the_app_lock_pins_what_the_dev_lock_pins_and_every_pin_has_a_hash() -> None:
    app, dev = pins("requirements.txt"), pins("requirements-dev.txt")
    assert {name: dev.get(name) for name in app} == app
    for lock in ("requirements.txt", "requirements-dev.txt"):
        entries = re.split(r"\n(?=\S)", (REPO / lock).read_text(encoding="utf-8"))
        unhashed = [e.split()[0] for e in entries if "==" in e and not e.startswith("#") and "--hash=sha256:" not in e]
        assert unhashed == []
