"""``python -m rebound_tui`` runs the same command line as ``rebound``."""

from rebound_tui.cli import main

raise SystemExit(main())
