"""Command-line commands that are not owned by one feature module."""

from __future__ import annotations

import sys

import click
from flask import Flask
from flask.cli import with_appcontext

from . import answer_analysis, demo, export


def init_app(app: Flask) -> None:
    app.cli.add_command(export_responses_command)
    app.cli.add_command(demo.seed_demo_command)
    answer_analysis.init_app(app)


@click.command("export-responses")
@click.option("--format", "fmt", type=click.Choice(["csv"]), default="csv", show_default=True)
@with_appcontext
def export_responses_command(fmt: str) -> None:
    """Write every stored answer to standard output."""
    count = export.write_csv(sys.stdout)
    click.echo(f"{count} answers exported.", err=True)
