"""Entry point for ``python -m ownership``."""

from ownership.cli import main

raise SystemExit(main())
