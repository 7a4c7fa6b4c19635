"""``python -m circular_ict`` runs the command line."""

from .cli import run

run()
