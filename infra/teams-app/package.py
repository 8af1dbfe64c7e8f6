"""Builds the Teams app package (the zip you upload or sideload) from the manifest template in this folder.

The manifest is kept as a template because the bot's id and host name differ per deployment: `{{BOT_ID}}`
becomes the bot's Microsoft App ID (the client id of the user-assigned managed identity, output `botAppId` of
infra/main.bicep) and `{{BOT_DOMAIN}}` the web app's host name (output `webAppHostName`). The zip holds, at
its root, the filled-in manifest, the two icons and the localization files the manifest names.

    python infra/teams-app/package.py --bot-id <guid> --domain <app>.azurewebsites.net [--output FILE]

Both values may instead come from the environment (TRYGGHET_BOT_ID, TRYGGHET_BOT_DOMAIN). `--example` builds with
example values (a zero GUID and example.azurewebsites.net), to check the package on a machine with no deployment.

Before it writes anything it checks what Teams checks on upload: the filled-in manifest against the official Teams
JSON schema (the npm package `@microsoft/app-manifest`, installed by `make setup`, validates offline), and the icons'
sizes (colour 192 x 192, outline 32 x 32). Standard library only, plus node for the schema check.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import struct
import subprocess
import sys
import zipfile
from collections.abc import Sequence
from pathlib import Path

HERE = Path(__file__).resolve().parent
MANIFEST = HERE / "manifest.json"
REPO = HERE.parent.parent
DEFAULT_OUTPUT = REPO / "build" / "trygghet-teams-app.zip"
VALIDATOR_DIR = REPO / "node_modules" / "@microsoft" / "app-manifest"
ICON_SIZES = {"color": (192, 192), "outline": (32, 32)}
EXAMPLE_BOT_ID = "00000000-0000-0000-0000-000000000000"
EXAMPLE_DOMAIN = "example.azurewebsites.net"
# The validator's own function, fed the manifest on stdin; it prints the list of schema errors as JSON.
VALIDATE_JS = """
const { AppManifestUtils } = require("@microsoft/app-manifest");
let input = "";
process.stdin.on("data", (chunk) => (input += chunk));
process.stdin.on("end", async () => {
  const errors = await AppManifestUtils.validateAgainstSchema(JSON.parse(input));
  process.stdout.write(JSON.stringify(errors));
});
"""

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


def schema_errors(manifest: dict[str, object]) -> list[str]:
    """The official Teams schema's complaints about `manifest` (empty when it validates)."""
    node = shutil.which("node")
    if node is None or not VALIDATOR_DIR.is_dir():
        raise PackageError("the schema check needs node and node_modules/@microsoft/app-manifest: run `make setup`")
    result = subprocess.run(
        [node, "-e", VALIDATE_JS], input=json.dumps(manifest), capture_output=True, text=True, cwd=REPO, timeout=60
    )
    if result.returncode != 0:
        raise PackageError(f"the schema check failed to run: {result.stderr.strip()[-500:]}")
    errors: list[str] = json.loads(result.stdout)
    return errors


def png_size(data: bytes) -> tuple[int, int]:
    """Width and height from a PNG's header chunk (IHDR is always first)."""
    if data[:8] != b"\x89PNG\r\n\x1a\n" or data[12:16] != b"IHDR":
        raise PackageError("an icon is not a PNG")
    width, height = struct.unpack(">II", data[16:24])
    return width, height


def icon_problems(manifest: dict[str, object], source: Path) -> list[str]:
    icons = manifest.get("icons")
    problems = []
    for key, wanted in ICON_SIZES.items():
        name = icons.get(key) if isinstance(icons, dict) else None
        if not name:
            problems.append(f"no {key} icon")
            continue
        size = png_size((source / str(name)).read_bytes())
        if size != wanted:
            problems.append(f"{name} is {size[0]} x {size[1]} px; Teams wants {wanted[0]} x {wanted[1]}")
    return problems


def build_package(bot_id: str, domain: str, output: Path, source: Path = HERE) -> Path:
    """Checks the filled-in manifest and the icons, then writes the zip and returns its path."""
    text = fill_manifest((source / "manifest.json").read_text(encoding="utf-8"), bot_id, domain)
    manifest = json.loads(text)
    names = package_files(manifest)
    missing = [name for name in names if not (source / name).is_file()]
    if missing:
        raise PackageError(f"missing next to manifest.json: {', '.join(missing)}")
    problems = icon_problems(manifest, source) + [f"schema: {e}" for e in schema_errors(manifest)]
    if problems:
        raise PackageError("the package would be refused by Teams:\n  " + "\n  ".join(problems))
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
    parser.add_argument("--example", action="store_true", help="example values where none are given (a check only)")
    args = parser.parse_args(argv)
    if args.example:
        args.bot_id, args.domain = args.bot_id or EXAMPLE_BOT_ID, args.domain or EXAMPLE_DOMAIN
        print(
            f"package.py: example values where none were given (bot id {args.bot_id}, domain {args.domain}):"
            " not for upload",
            file=sys.stderr,
        )
    if not args.bot_id or not args.domain:
        parser.error("give --bot-id and --domain (or set TRYGGHET_BOT_ID and TRYGGHET_BOT_DOMAIN, or --example)")
    try:
        path = build_package(args.bot_id, args.domain, args.output)
    except PackageError as exc:
        print(f"package.py: {exc}", file=sys.stderr)
        return 2
    print(path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
