"""Offline checks of the Teams app package in infra/teams-app: the manifest template, its English localization,
and what infra/teams-app/package.py builds from them (run as a real subprocess, like a deployer would).

The schema check is package.py's own (the one `make package` runs): the npm package `@microsoft/app-manifest`
ships the official Teams JSON schemas and validates without network access. A missing node_modules copy is a
failure (run `make setup`), never a skip.
"""

from __future__ import annotations

import importlib.util
import json
import os
import shutil
import struct
import subprocess
import sys
import zipfile
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft4Validator

REPO = Path(__file__).resolve().parents[1]
TEAMS_APP = REPO / "infra" / "teams-app"
PACKAGE_SCRIPT = TEAMS_APP / "package.py"

BOT_ID = "3f2b8c1e-5d4a-4e6f-9a7b-0c1d2e3f4a5b"
DOMAIN = "trygghet-abc123.azurewebsites.net"

PERSONAL_COMMANDS = ["ny", "status", "klar", "förläng", "avbryt", "hjälp", "mina uppgifter", "admin"]
TEAM_COMMANDS = ["koppla kanal", "status"]

VALIDATOR = "@microsoft/app-manifest"
VALIDATOR_DIR = REPO / "node_modules" / "@microsoft" / "app-manifest"
SCHEMA_VERSION = "v1.22"

Validate = Callable[[dict[str, Any]], list[str]]


def load(name: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((TEAMS_APP / name).read_text(encoding="utf-8"))
    return data


def command_lists(manifest: dict[str, Any]) -> dict[str, list[str]]:
    """Scope → command titles, in manifest order."""
    (bot,) = manifest["bots"]
    return {scope: [c["title"] for c in cl["commands"]] for cl in bot["commandLists"] for scope in cl["scopes"]}


def build(tmp_path: Path, bot_id: str = BOT_ID, domain: str = DOMAIN) -> subprocess.CompletedProcess[str]:
    output = tmp_path / "build" / "trygghet-teams-app.zip"
    return subprocess.run(
        [sys.executable, str(PACKAGE_SCRIPT), "--bot-id", bot_id, "--domain", domain, "--output", str(output)],
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )


@pytest.fixture
def package(tmp_path: Path) -> Iterator[zipfile.ZipFile]:
    result = build(tmp_path)
    assert result.returncode == 0, result.stderr
    path = Path(result.stdout.strip())
    assert path == tmp_path / "build" / "trygghet-teams-app.zip"
    with zipfile.ZipFile(path) as archive:
        yield archive


# --- PNG reading (stdlib only) -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Png:
    width: int
    height: int
    bit_depth: int
    colour_type: int  # 6 = RGBA
    interlace: int
    idat: bytes


def read_png(data: bytes) -> Png:
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    position, header, idat = 8, b"", b""
    while position < len(data):
        (length,) = struct.unpack(">I", data[position : position + 4])
        kind = data[position + 4 : position + 8]
        body = data[position + 8 : position + 8 + length]
        if kind == b"IHDR":
            header = body
        elif kind == b"IDAT":
            idat += body
        position += 12 + length
    width, height, bit_depth, colour_type, _compression, _filter, interlace = struct.unpack(">IIBBBBB", header)
    return Png(width, height, bit_depth, colour_type, interlace, idat)


def rgba_pixels(png: Png) -> list[tuple[int, int, int, int]]:
    """Decodes an 8-bit, non-interlaced RGBA PNG (undoing the five PNG row filters)."""
    assert (png.bit_depth, png.colour_type, png.interlace) == (8, 6, 0), "expected 8-bit RGBA, not interlaced"
    raw, stride, bpp = zlib.decompress(png.idat), png.width * 4, 4
    rows: list[bytearray] = []
    previous = bytearray(stride)
    for y in range(png.height):
        start = y * (stride + 1)
        kind, row = raw[start], bytearray(raw[start + 1 : start + 1 + stride])
        for i in range(stride):
            left = row[i - bpp] if i >= bpp else 0
            up, up_left = previous[i], previous[i - bpp] if i >= bpp else 0
            if kind == 1:
                row[i] = (row[i] + left) & 0xFF
            elif kind == 2:
                row[i] = (row[i] + up) & 0xFF
            elif kind == 3:
                row[i] = (row[i] + (left + up) // 2) & 0xFF
            elif kind == 4:
                p = left + up - up_left
                pa, pb, pc = abs(p - left), abs(p - up), abs(p - up_left)
                predictor = left if pa <= pb and pa <= pc else up if pb <= pc else up_left
                row[i] = (row[i] + predictor) & 0xFF
        rows.append(row)
        previous = row
    return [(r[i], r[i + 1], r[i + 2], r[i + 3]) for r in rows for i in range(0, stride, 4)]


# --- The manifest template -----------------------------------------------------------------------------------


def test_manifest_and_localization_are_json_objects() -> None:
    assert isinstance(load("manifest.json"), dict)
    assert isinstance(load("en.json"), dict)


def test_bot_offers_exactly_the_routine_commands_in_personal_and_team_scope() -> None:
    manifest = load("manifest.json")
    (bot,) = manifest["bots"]
    assert bot["scopes"] == ["personal", "team"]
    assert command_lists(manifest) == {"personal": PERSONAL_COMMANDS, "team": TEAM_COMMANDS}


def test_the_bot_may_send_files_for_the_admins_export() -> None:
    """Teams offers a bot its file consent flow (bot/teams/file_upload.py) only with supportsFiles."""
    (bot,) = load("manifest.json")["bots"]
    assert bot["supportsFiles"] is True


def test_app_and_bot_id_are_the_placeholder() -> None:
    manifest = load("manifest.json")
    assert manifest["id"] == "{{BOT_ID}}"
    assert manifest["bots"][0]["botId"] == "{{BOT_ID}}"
    assert manifest["validDomains"] == ["{{BOT_DOMAIN}}"]


def test_swedish_is_the_default_language_and_english_translates_every_command_description() -> None:
    manifest, english = load("manifest.json"), load("en.json")
    assert manifest["localizationInfo"] == {
        "defaultLanguageTag": "sv-SE",
        "additionalLanguages": [{"languageTag": "en", "file": "en.json"}],
    }
    described = {
        f"bots[0].commandLists[{i}].commands[{j}].description"
        for i, command_list in enumerate(manifest["bots"][0]["commandLists"])
        for j, _command in enumerate(command_list["commands"])
    }
    keys = set(english) - {"$schema"}
    assert keys == {"name.short", "name.full", "description.short", "description.full"} | described
    # Titles stay Swedish in every language: they are the words the bot understands.
    assert not [key for key in english if key.endswith(".title")]


# --- What package.py builds ----------------------------------------------------------------------------------


def test_package_holds_manifest_icons_and_localization_and_nothing_else(package: zipfile.ZipFile) -> None:
    assert sorted(package.namelist()) == ["color.png", "en.json", "manifest.json", "outline.png"]


def test_package_manifest_has_the_bot_id_and_domain_filled_in(package: zipfile.ZipFile) -> None:
    text = package.read("manifest.json").decode("utf-8")
    assert "{{" not in text
    manifest = json.loads(text)
    assert manifest["id"] == BOT_ID
    assert manifest["bots"][0]["botId"] == BOT_ID
    assert manifest["validDomains"] == [DOMAIN]
    template = load("manifest.json")
    assert command_lists(manifest) == command_lists(template)
    assert package.read("en.json") == (TEAMS_APP / "en.json").read_bytes()


def test_package_colour_icon_is_192_pixels_square(package: zipfile.ZipFile) -> None:
    png = read_png(package.read("color.png"))
    assert (png.width, png.height) == (192, 192)


def test_package_outline_icon_is_32_pixels_white_on_transparent(package: zipfile.ZipFile) -> None:
    png = read_png(package.read("outline.png"))
    assert (png.width, png.height) == (32, 32)
    pixels = rgba_pixels(png)
    assert len(pixels) == 32 * 32
    assert all((r, g, b) == (255, 255, 255) for r, g, b, a in pixels if a), "outline must be white"
    assert any(a == 0 for *_rgb, a in pixels), "no transparent background"
    assert any(a == 255 for *_rgb, a in pixels), "no opaque outline"


@pytest.mark.parametrize(
    ("bot_id", "domain", "complaint"),
    [
        ("not-a-guid", DOMAIN, "bot id must be a GUID"),
        (BOT_ID, "https://trygghet.azurewebsites.net/", "domain must be a bare host name"),
    ],
)
def test_package_refuses_bad_values_and_writes_nothing(
    tmp_path: Path, bot_id: str, domain: str, complaint: str
) -> None:
    result = build(tmp_path, bot_id, domain)
    assert result.returncode == 2
    assert complaint in result.stderr
    assert not (tmp_path / "build").exists()


# --- Schema validation with @microsoft/app-manifest ----------------------------------------------------------


def _package_module() -> Any:
    """infra/teams-app/package.py as a module (its folder name is not an importable package name)."""
    spec = importlib.util.spec_from_file_location("teams_app_package", PACKAGE_SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


PACKAGE = _package_module()


@pytest.fixture
def validate_manifest() -> Validate:
    """package.py's own schema check (the one `make package` runs), against the schema bundled in the package."""
    if not VALIDATOR_DIR.exists():
        pytest.fail(f"{VALIDATOR} is in package.json but not installed: run `make setup`")
    errors: Validate = PACKAGE.schema_errors
    return errors


def test_packaged_manifest_passes_the_official_schema(package: zipfile.ZipFile, validate_manifest: Validate) -> None:
    manifest = json.loads(package.read("manifest.json"))
    assert manifest["$schema"].endswith(f"/teams/{SCHEMA_VERSION}/MicrosoftTeams.schema.json")
    assert validate_manifest(manifest) == []
    # The validator does reject a broken manifest (so the empty list above means something).
    broken = {**manifest, "id": "{{BOT_ID}}", "accentColor": "blue"}
    assert len(validate_manifest(broken)) == 2


def test_english_localization_passes_the_official_schema(validate_manifest: Validate) -> None:
    # The package's own validator cannot compile this schema (a regex in it is invalid with JavaScript's
    # unicode flag), so the schema file it bundles is checked with jsonschema instead.
    english = load("en.json")
    schema_file = (
        VALIDATOR_DIR / "build/json-schemas/teams" / SCHEMA_VERSION / "MicrosoftTeams.Localization.schema.json"
    )
    assert english["$schema"].endswith(f"/teams/{SCHEMA_VERSION}/MicrosoftTeams.Localization.schema.json")
    validator = Draft4Validator(json.loads(schema_file.read_text(encoding="utf-8")))
    assert [error.message for error in validator.iter_errors(english)] == []
    assert list(validator.iter_errors({**english, "bots[0].commandLists[0].commands[0].titel": "x"}))


@pytest.mark.parametrize(
    ("change", "complaint"),
    [
        (lambda d: (d / "color.png").write_bytes((d / "outline.png").read_bytes()), "color.png is 32 x 32 px"),
        (
            lambda d: (d / "manifest.json").write_text(
                (d / "manifest.json").read_text(encoding="utf-8").replace('"accentColor": "', '"accentColor": "x'),
                encoding="utf-8",
            ),
            "schema:",
        ),
    ],
    ids=["wrong icon size", "schema error"],
)
def test_package_refuses_what_teams_would_refuse_and_writes_nothing(
    tmp_path: Path, change: Callable[[Path], object], complaint: str
) -> None:
    source = tmp_path / "teams-app"
    shutil.copytree(TEAMS_APP, source)
    change(source)
    output = tmp_path / "build" / "app.zip"
    with pytest.raises(PACKAGE.PackageError, match=complaint):
        PACKAGE.build_package(BOT_ID, DOMAIN, output, source)
    assert not output.exists()


def test_make_package_with_example_values_yields_a_zip_that_validates(tmp_path: Path) -> None:
    output = tmp_path / "app.zip"
    result = subprocess.run(
        [sys.executable, str(PACKAGE_SCRIPT), "--example", "--output", str(output)],
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
        env={k: v for k, v in os.environ.items() if not k.startswith("TRYGGHET_BOT_")},
    )
    assert result.returncode == 0, result.stderr
    assert "not for upload" in result.stderr
    with zipfile.ZipFile(output) as archive:
        assert json.loads(archive.read("manifest.json"))["id"] == PACKAGE.EXAMPLE_BOT_ID
