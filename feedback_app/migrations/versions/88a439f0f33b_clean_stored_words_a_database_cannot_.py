"""clean stored words a database cannot read

Before every door cleaned text (feedback_app/text_input.py), an answer could
be stored as JSON holding a lone surrogate ("\\udc00") or, on PostgreSQL, a
NUL ("\\u0000"). PostgreSQL then fails any query that reads into that JSON
(`analysis ->> 'concern'`), which stopped the safeguarding sweep and made
the conversation's pages answer 500. This rewrites those values, replacing
each such character with U+FFFD as the doors now do. Data only, no schema.

Revision ID: 88a439f0f33b
Revises: a7dd4bca3d5e
Create Date: 2026-12-01 14:25:38.280258
"""

import json
import re

import sqlalchemy as sa
from alembic import op

from feedback_app.text_input import clean_data

revision = '88a439f0f33b'
down_revision = 'a7dd4bca3d5e'
branch_labels = None
depends_on = None

BATCH = 1000
# In JSON text: an escaped control character (but \t and \n), DEL, C1, or surrogate, or a raw control character.
SUSPECT = re.compile(r"\\u(00[01][0-9a-f]|007f|00[89][0-9a-f]|d[89a-f][0-9a-f]{2})|[\x00-\x08\x0b-\x1f\x7f]", re.I)

COLUMNS = {"answers": ("value", "analysis"), "safeguarding_alerts": ("evidence",)}


def upgrade() -> None:
    connection = op.get_bind()
    for table_name, columns in COLUMNS.items():
        table = sa.table(table_name, sa.column("id"), *(sa.column(name, sa.JSON) for name in columns))
        last_id = 0
        while True:
            # Read as text, so the database never has to interpret the bad JSON itself.
            rows = connection.execute(
                sa.select(table.c.id, *(sa.cast(table.c[name], sa.Text) for name in columns))
                .where(table.c.id > last_id)
                .order_by(table.c.id)
                .limit(BATCH)
            ).all()
            if not rows:
                break
            for row_id, *texts in rows:
                changes = {
                    name: clean_data(json.loads(raw))
                    for name, raw in zip(columns, texts)
                    if raw is not None and SUSPECT.search(raw)
                }
                if changes:
                    connection.execute(sa.update(table).where(table.c.id == row_id).values(**changes))
            last_id = rows[-1][0]


def downgrade() -> None:
    # The characters replaced were never readable text: nothing to put back.
    pass
