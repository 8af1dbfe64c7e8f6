"""`make deploy`: from a resource group to a running bot, with the Azure CLI (`az`), in four steps.

1. `az deployment group create` with infra/main.bicep and a parameters file (infra/main.parameters.json, made from
   infra/main.parameters.example.json), which prints the deployment's outputs.
2. The app's zip (build/trygghet-app.zip: app.py, bot/, scheduler/, pyproject.toml and the locked requirements.txt,
   which App Service's build installs) goes up with `az webapp deploy --type zip`.
3. The Teams app package for this deployment (build/trygghet-teams-app.zip), checked like `make package` does.
4. It waits for https://<host>/healthz/ready to answer 200, then prints the messaging endpoint and what to do next.

    TRYGGHET_RESOURCE_GROUP=rg-trygghet make deploy            # or: python -m infra.deploy --resource-group ...
    python -m infra.deploy --resource-group rg --dry-run       # print the commands, build the zips, run nothing

docs/deploy.md walks through everything around it (the resource group, consent, the Teams admin center).
Standard library only.
"""

from __future__ import annotations

import argparse
import json
import os
import shlex
import subprocess
import sys
import time
import zipfile
from collections.abc import Sequence
from pathlib import Path

from scripts.run_local import http_status

REPO = Path(__file__).resolve().parent.parent
BICEP = REPO / "infra" / "main.bicep"
PARAMETERS = REPO / "infra" / "main.parameters.json"
APP_ZIP = REPO / "build" / "trygghet-app.zip"
TEAMS_ZIP = REPO / "build" / "trygghet-teams-app.zip"
# What the app needs at run time, and nothing else (no tests, benches, docs or node tools).
APP_FILES = ("app.py", "pyproject.toml", "requirements.txt")
APP_PACKAGES = ("bot", "scheduler")
ZIP_TIME = (2026, 1, 1, 0, 0, 0)
READY_TIMEOUT = 600.0


def app_files(root: Path = REPO) -> list[Path]:
    files = [root / name for name in APP_FILES]
    for package in APP_PACKAGES:
        files += sorted(p for p in (root / package).rglob("*.py") if "__pycache__" not in p.parts)
    return files


def build_app_zip(output: Path = APP_ZIP, root: Path = REPO) -> Path:
    """The source zip App Service builds from (its build runs `pip install -r requirements.txt`)."""
    output.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(output, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for path in app_files(root):
            info = zipfile.ZipInfo(path.relative_to(root).as_posix(), ZIP_TIME)
            archive.writestr(info, path.read_bytes(), zipfile.ZIP_DEFLATED)
    return output


def deployment_command(resource_group: str, parameters: Path) -> list[str]:
    return [
        *("az", "deployment", "group", "create", "--resource-group", resource_group),
        *("--name", "trygghet", "--template-file", str(BICEP), "--parameters", f"@{parameters}"),
        *("--query", "properties.outputs", "--output", "json"),
    ]


def zip_deploy_command(resource_group: str, web_app: str) -> list[str]:
    return [
        *("az", "webapp", "deploy", "--resource-group", resource_group, "--name", web_app),
        *("--src-path", str(APP_ZIP), "--type", "zip"),
    ]


def teams_package_command(bot_id: str, host: str) -> list[str]:
    script = REPO / "infra" / "teams-app" / "package.py"
    return [sys.executable, str(script), "--bot-id", bot_id, "--domain", host, "--output", str(TEAMS_ZIP)]


def run(command: list[str], dry_run: bool) -> str:
    print(f"$ {shlex.join(command)}", flush=True)
    if dry_run:
        return ""
    return subprocess.run(command, check=True, capture_output=True, text=True).stdout


def wait_ready(url: str, timeout: float = READY_TIMEOUT) -> int | None:
    """Polls url until it answers 200 (App Service may take minutes to build and start); returns the last status."""
    deadline, status = time.monotonic() + timeout, None
    while time.monotonic() < deadline:
        if (status := http_status(url, timeout=10)) == 200:
            break
        time.sleep(10)
    return status


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m infra.deploy", description=__doc__.split("\n\n")[0])
    parser.add_argument("--resource-group", default=os.environ.get("TRYGGHET_RESOURCE_GROUP", ""))
    parser.add_argument("--parameters", type=Path, default=Path(os.environ.get("TRYGGHET_PARAMETERS", PARAMETERS)))
    parser.add_argument("--dry-run", action="store_true", help="print the commands and build the zips; run nothing")
    args = parser.parse_args(argv)
    if not args.resource_group:
        parser.error("give --resource-group (or set TRYGGHET_RESOURCE_GROUP)")
    if not args.parameters.is_file():
        parser.error(f"{args.parameters} is missing: copy infra/main.parameters.example.json and fill it in")

    outputs = json.loads(run(deployment_command(args.resource_group, args.parameters), args.dry_run) or "{}")
    value = {name: entry["value"] for name, entry in outputs.items()}
    web_app = value.get("webAppName", "<webAppName>")
    host = value.get("webAppHostName", "example.azurewebsites.net")
    bot_id = value.get("botAppId", "00000000-0000-0000-0000-000000000000")
    print(f"app zip: {build_app_zip()}")
    run(zip_deploy_command(args.resource_group, web_app), args.dry_run)
    subprocess.run(teams_package_command(bot_id, host), check=True)
    ready = f"https://{host}/healthz/ready"
    if not args.dry_run:
        status = wait_ready(ready)
        print(f"GET {ready} -> {status}")
        if status != 200:
            print("not ready: see docs/operations.md, 'The bot is down'", file=sys.stderr)
            return 1
    print(f"messaging endpoint: https://{host}/api/messages")
    print(f"Teams app package: {TEAMS_ZIP} (upload it in the Teams admin center: docs/deploy.md, step 7)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
