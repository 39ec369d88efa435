"""Write a new schema migration from the difference between the models and the migrations.

Usage: python scripts/new_migration.py "what changed"

It upgrades a throwaway SQLite database to the latest migration, compares it
with the models, and writes what differs to feedback_app/migrations/versions/.
Read the result before committing it: autogenerate cannot see renames.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from alembic import command

from feedback_app import create_app
from feedback_app.database import alembic_config, upgrade_schema
from feedback_app.extensions import db


def main(message: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        app = create_app({"TESTING": True, "DATABASE_URL": f"sqlite:///{Path(folder) / 'm.db'}"})
        with app.app_context():
            upgrade_schema()
            with db.engine.begin() as connection:
                config = alembic_config()
                config.attributes["connection"] = connection
                command.revision(config, message=message, autogenerate=True)


if __name__ == "__main__":
    main(" ".join(sys.argv[1:]) or "schema change")
