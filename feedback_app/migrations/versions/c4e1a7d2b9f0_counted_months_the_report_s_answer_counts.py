"""counted_months and drawn_charts: the annual report's answer counts kept per month, its charts as drawn

The rows for the data already stored are back-filled by `flask init-db`, which
runs this migration and then counts every month (report.counted_months).

Revision ID: c4e1a7d2b9f0
Revises: fb3e6e8da1f3
Create Date: 2026-12-01 21:50:00
"""

from alembic import op
import sqlalchemy as sa
import feedback_app.models.base


revision = "c4e1a7d2b9f0"
down_revision = "fb3e6e8da1f3"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "counted_months",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("month", sa.String(length=7), nullable=False),
        sa.Column("fingerprint", sa.String(length=64), nullable=False),
        sa.Column("figures", sa.JSON(), nullable=False),
        sa.Column("counted_at", feedback_app.models.base.UtcDateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_counted_months")),
        sa.UniqueConstraint("month", name=op.f("uq_counted_months_month")),
    )
    op.create_table(
        "drawn_charts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=64), nullable=False),
        sa.Column("picture", sa.LargeBinary(), nullable=False),
        sa.Column("drawn_at", feedback_app.models.base.UtcDateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_drawn_charts")),
        sa.UniqueConstraint("key", name=op.f("uq_drawn_charts_key")),
    )


def downgrade() -> None:
    op.drop_table("drawn_charts")
    op.drop_table("counted_months")
