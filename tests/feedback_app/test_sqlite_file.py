"""The SQLite file holds what children said: only its owner may read it (issue 9.17)."""

import os
import stat

from feedback_app import create_app


def test_a_new_sqlite_database_file_is_readable_by_its_owner_only(tmp_path):
    old_umask = os.umask(0o022)  # the usual umask, which would leave it readable by everyone
    try:
        path = tmp_path / "feedback.db"
        create_app({"TESTING": True, "DATABASE_URL": f"sqlite:///{path}"})
    finally:
        os.umask(old_umask)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
