"""Entry point for ``python -m ownership``."""

from ownership.cli import run

raise SystemExit(run())
