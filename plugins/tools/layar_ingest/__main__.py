"""``python -m layar_ingest``: run the ingest's command line."""
import sys

from .cli import main

sys.exit(main())
