"""``python -m compare`` runs the ``reportdiff`` command line."""

from .cli import main

main(prog_name="reportdiff")
