"""The ``vntextclean`` command line: parse arguments, call the library, format.

No cleaning logic lives here; each command calls one public function.
"""

from __future__ import annotations

import typer

app = typer.Typer(
    name="vntextclean",
    help="Clean, check and score Vietnamese text; link entity names across articles.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


def main() -> None:  # the console script
    app()
