"""``python -m rebound_tui`` runs the same command line as ``rebound``."""

from .cli import main

raise SystemExit(main())
