"""`flask --app feedback_app annual-report --year 2026 --format docx|xlsx|csv --output PATH`."""

from __future__ import annotations

from pathlib import Path

import click
from flask.cli import with_appcontext

from ..access import COMMAND_LINE
from ..extensions import db
from .exports import FORMATS, export
from .year import ReportingYear


@click.command("annual-report")
@click.option("--year", "year_name", required=True, help="The reporting year: 2026 means 1 April 2026 to 31 March 2027.")
@click.option("--format", "fmt", type=click.Choice(sorted(FORMATS)), required=True)
@click.option("--output", type=click.Path(dir_okay=False, writable=True, path_type=Path), required=True)
@with_appcontext
def annual_report_command(year_name: str, fmt: str, output: Path) -> None:
    """Write the annual report for a reporting year to a file."""
    try:
        year = ReportingYear.named(year_name)
    except ValueError as problem:
        raise click.BadParameter(str(problem), param_hint="--year") from None
    with output.open("wb") as out:
        for chunk in export(COMMAND_LINE, year, fmt):
            out.write(chunk)
    db.session.commit()  # a closed year counted for the file is kept (report.counted_years)
    click.echo(f"The annual report for {year.name} was written to {output}.")


__all__ = ["annual_report_command"]
