"""`make deploy` without Azure: its dry run prints the az commands it would run and builds both zips, and the app
zip holds what App Service needs (the locked requirements.txt and the app's code) and nothing else."""

from __future__ import annotations

import subprocess
import sys
import zipfile

from infra.deploy import APP_ZIP, REPO, TEAMS_ZIP

PARAMETERS = ("--parameters", "infra/main.parameters.example.json")


def test_the_dry_run_prints_the_deployment_and_the_zip_deploy_and_builds_both_zips() -> None:
    result = subprocess.run(
        [*(sys.executable, "-m", "infra.deploy", "--resource-group", "rg-trygghet", "--dry-run"), *PARAMETERS],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    commands = [line for line in result.stdout.splitlines() if line.startswith("$ az ")]
    assert [c.split()[1:4] for c in commands] == [["az", "deployment", "group"], ["az", "webapp", "deploy"]]
    assert "--template-file" in commands[0] and "--type zip" in commands[1]
    assert "messaging endpoint: https://" in result.stdout
    with zipfile.ZipFile(APP_ZIP) as archive:
        names = set(archive.namelist())
    assert {"app.py", "requirements.txt", "pyproject.toml", "bot/config.py", "scheduler/sweeper.py"} <= names
    assert not [n for n in names if n.startswith(("tests/", "bench/", "docs/", "node_modules/"))]
    assert TEAMS_ZIP.is_file()
