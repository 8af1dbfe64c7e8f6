"""Builds the Teams app package (the zip you upload or sideload) from the manifest template in this folder.

The manifest is kept as a template because the bot's id and host name differ per deployment: `{{BOT_ID}}`
becomes the bot's Microsoft App ID (the client id of the user-assigned managed identity, output `botAppId` of
infra/main.bicep) and `{{BOT_DOMAIN}}` the web app's host name (output `webAppHostName`). The zip holds, at
its root, the filled-in manifest, the two icons and the localization files the manifest names.

    python infra/teams-app/package.py --bot-id <guid> --domain <app>.azurewebsites.net [--output FILE]

Both values may instead come from the environment (TRYGGHET_BOT_ID, TRYGGHET_BOT_DOMAIN). Standard library only.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
import zipfile
from collections.abc import Sequence
from pathlib import Path

HERE = Path(__file__).resolve().parent
MANIFEST = HERE / "manifest.json"
DEFAULT_OUTPUT = HERE.parent.parent / "build" / "trygghet-teams-app.zip"

GUID = re.compile(r"^[0-9a-fA-F]{8}-([0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}$")
# A host name only: no scheme, no path, no port (Teams wants bare domains in validDomains).
HOST = re.compile(r"^(?=.{1,253}$)([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,63}$")
PLACEHOLDER = re.compile(r"\{\{[A-Z_]+\}\}")
# Fixed timestamp so that the same inputs give the same zip, byte for byte.
ZIP_TIME = (2026, 1, 1, 0, 0, 0)


class PackageError(ValueError):
    """A bad argument or an incomplete manifest; the message says which."""


def fill_manifest(template: str, bot_id: str, domain: str) -> str:
    """The manifest text with the placeholders replaced; refuses bad values and leftover placeholders."""
    if not GUID.match(bot_id):
        raise PackageError(f"bot id must be a GUID (the identity's client id), got {bot_id!r}")
    if not HOST.match(domain):
        raise PackageError(f"domain must be a bare host name such as app.azurewebsites.net, got {domain!r}")
    text = template.replace("{{BOT_ID}}", bot_id.lower()).replace("{{BOT_DOMAIN}}", domain.lower())
    leftover = sorted(set(PLACEHOLDER.findall(text)))
    if leftover:
        raise PackageError(f"manifest still has placeholders: {', '.join(leftover)}")
    json.loads(text)  # still valid JSON after substitution
    return text


def package_files(manifest: dict[str, object]) -> list[str]:
    """The files next to the manifest that belong in the zip: icons and localization files it names."""
    icons = manifest.get("icons")
    names: list[str] = []
    if isinstance(icons, dict):
        names += [str(icons[key]) for key in ("color", "outline", "color32x32") if key in icons]
    localization = manifest.get("localizationInfo")
    if isinstance(localization, dict):
        if "defaultLanguageFile" in localization:
            names.append(str(localization["defaultLanguageFile"]))
        for language in localization.get("additionalLanguages", []):
            names.append(str(language["file"]))
    for name in names:
        if "/" in name or "\\" in name or name.startswith("."):
            raise PackageError(f"{name!r}: files must sit next to manifest.json (Teams wants a flat zip)")
    return names


def build_package(bot_id: str, domain: str, output: Path, source: Path = HERE) -> Path:
    """Writes the zip and returns its path."""
    text = fill_manifest((source / "manifest.json").read_text(encoding="utf-8"), bot_id, domain)
    names = package_files(json.loads(text))
    missing = [name for name in names if not (source / name).is_file()]
    if missing:
        raise PackageError(f"missing next to manifest.json: {', '.join(missing)}")
    output.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(output, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(zipfile.ZipInfo("manifest.json", ZIP_TIME), text.encode("utf-8"), zipfile.ZIP_DEFLATED)
        for name in names:
            archive.writestr(zipfile.ZipInfo(name, ZIP_TIME), (source / name).read_bytes(), zipfile.ZIP_DEFLATED)
    return output


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Build the Trygghet Teams app package (zip).")
    parser.add_argument("--bot-id", default=os.environ.get("TRYGGHET_BOT_ID", ""), help="bot app id (GUID)")
    parser.add_argument("--domain", default=os.environ.get("TRYGGHET_BOT_DOMAIN", ""), help="web app host name")
    parser.add_argument("--output", type=Path, default=DEFAULT_OUTPUT, help=f"zip to write (default {DEFAULT_OUTPUT})")
    args = parser.parse_args(argv)
    if not args.bot_id or not args.domain:
        parser.error("give --bot-id and --domain (or set TRYGGHET_BOT_ID and TRYGGHET_BOT_DOMAIN)")
    try:
        path = build_package(args.bot_id, args.domain, args.output)
    except PackageError as exc:
        print(f"package.py: {exc}", file=sys.stderr)
        return 2
    print(path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
