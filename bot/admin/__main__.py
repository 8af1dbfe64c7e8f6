"""`python -m bot.admin …` and the `trygghet-admin` console script."""

from __future__ import annotations

from bot.admin.cli import main

if __name__ == "__main__":
    raise SystemExit(main())
