"""`flask --app feedback_app import-reviews FILE.csv`: the council's SSDA903 reviews extract, as counts.

The file has the DfE 903 return's columns `CHILD`, `DOB`, `REVIEW` and
`REVIEW_CODE`, dates written dd/mm/yyyy. Every line is checked before
anything is stored: a bad line stops the import with its line number and
what is wrong, and nothing is kept. Then only counts per month, code and age
band are stored (`ReviewCount`); the child's id and date of birth are not.
A review already imported (the same child and review date, by its keyed hash)
is skipped, so importing a file twice counts it once.
"""

from __future__ import annotations

import csv
import hashlib
import hmac
from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

import click
from flask import current_app
from flask.cli import with_appcontext
from sqlalchemy import select

from .. import audit
from ..extensions import db
from ..models import ImportedReview, ReviewCount
from ..vocabulary import PARTICIPATION

COLUMNS = ("CHILD", "DOB", "REVIEW", "REVIEW_CODE")
# Age bands at the review: the questionnaires' bands, and under 4 (PN0's children).
UNDER_FOUR_BAND = "under-4"


class ReviewFileError(ValueError):
    """The file cannot be imported; the message names the line and the problem."""


@dataclass(frozen=True)
class Review:
    key: str
    month: date
    code: str
    age_band: str


@dataclass(frozen=True)
class Imported:
    read: int
    counted: int
    already: int


def age_band_at(born: date, on: date) -> str:
    age = on.year - born.year - ((on.month, on.day) < (born.month, born.day))
    if age < 4:
        return UNDER_FOUR_BAND
    if age < 8:
        return "4-7"
    if age < 12:
        return "8-11"
    return "12-18"


def _date(text: str, column: str, line: int) -> date:
    try:
        return datetime.strptime(text.strip(), "%d/%m/%Y").date()
    except ValueError:
        raise ReviewFileError(f"line {line}: {column} {text!r} is not a date written dd/mm/yyyy") from None


def read_reviews(path: Path, secret: bytes) -> list[Review]:
    """Every review in the file, checked. Raises ReviewFileError naming the first bad line."""
    try:
        handle = path.open(newline="", encoding="utf-8-sig")
    except OSError as problem:
        raise ReviewFileError(f"cannot read {path}: {problem.strerror}") from None
    with handle:
        try:
            reader = csv.DictReader(handle)
            header = [name.strip().upper() for name in reader.fieldnames or []]
            missing = [column for column in COLUMNS if column not in header]
            if missing:
                raise ReviewFileError(f"line 1: the header has no {', '.join(missing)} column (it needs {', '.join(COLUMNS)})")
            reader.fieldnames = header
            reviews = []
            for row in reader:
                line = reader.line_num
                child = (row.get("CHILD") or "").strip()
                if not child:
                    raise ReviewFileError(f"line {line}: CHILD is empty")
                born = _date(row.get("DOB") or "", "DOB", line)
                held = _date(row.get("REVIEW") or "", "REVIEW", line)
                if born > held:
                    raise ReviewFileError(f"line {line}: the date of birth is after the review")
                code = (row.get("REVIEW_CODE") or "").strip().upper()
                if code not in PARTICIPATION:
                    raise ReviewFileError(f"line {line}: REVIEW_CODE {code!r} is not one of PN0 to PN7")
                key = hmac.new(secret, f"{child}|{held.isoformat()}".encode(), hashlib.sha256).hexdigest()
                reviews.append(Review(key, held.replace(day=1), code, age_band_at(born, held)))
        except UnicodeDecodeError:
            raise ReviewFileError(f"{path} is not a UTF-8 CSV file") from None
        except csv.Error as problem:
            raise ReviewFileError(f"line {reader.line_num}: {problem}") from None
    return reviews


def import_reviews(path: Path) -> Imported:
    """Count the file's reviews not imported before. The caller commits."""
    reviews = read_reviews(path, current_app.config["SECRET_KEY"].encode())
    unique = {review.key: review for review in reviews}  # a review twice in one file counts once
    known = set()
    keys = list(unique)
    for start in range(0, len(keys), 500):
        known |= set(db.session.scalars(select(ImportedReview.key).where(ImportedReview.key.in_(keys[start : start + 500]))))
    new = [review for key, review in unique.items() if key not in known]
    counts = Counter((review.month, review.code, review.age_band) for review in new)
    for (month, code, band), n in counts.items():
        row = db.session.scalar(
            select(ReviewCount).where(ReviewCount.month == month, ReviewCount.code == code, ReviewCount.age_band == band)
        )
        if row is None:
            db.session.add(ReviewCount(month=month, code=code, age_band=band, reviews=n))
        else:
            row.reviews += n
    db.session.add_all(ImportedReview(key=review.key) for review in new)
    db.session.flush()
    return Imported(len(reviews), len(new), len(reviews) - len(new))


@click.command("import-reviews")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@with_appcontext
def import_reviews_command(file: Path) -> None:
    """Count the reviews in an SSDA903 reviews extract (CHILD, DOB, REVIEW, REVIEW_CODE)."""
    try:
        found = import_reviews(file)
    except ReviewFileError as problem:
        db.session.rollback()
        raise click.ClickException(f"Nothing was imported. {problem}") from None
    audit.record("reviews_imported", "review_counts", None, read=found.read, counted=found.counted)
    db.session.commit()
    click.echo(f"{found.read} reviews read: {found.counted} counted, {found.already} already imported before.")


__all__ = ["COLUMNS", "Imported", "ReviewFileError", "age_band_at", "import_reviews", "import_reviews_command", "read_reviews"]
