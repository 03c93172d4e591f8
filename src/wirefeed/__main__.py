"""`python -m wirefeed` runs the command line, like the `wirefeed` script."""

from wirefeed.cli import run

run()
