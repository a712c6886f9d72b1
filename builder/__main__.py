"""`python -m builder`: the `curriculum` command."""

from .cli.main import main

main(prog_name="curriculum")
