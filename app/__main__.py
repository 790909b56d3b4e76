"""`python -m app` runs the `bwms` command."""

import sys

from app.cli import main

sys.exit(main())
