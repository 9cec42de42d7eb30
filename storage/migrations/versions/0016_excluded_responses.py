"""Responses officers exclude from the results (likely duplicates), with the reason

Revision ID: 0016
Revises: 0015
Create Date: 2026-12-06 08:00:00.000000
"""

import sqlalchemy as sa
from alembic import op

revision = "0016"
down_revision = "0015"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("survey_responses") as batch:
        batch.add_column(sa.Column("excluded_at", sa.DateTime(timezone=True), nullable=True))
        batch.add_column(sa.Column("excluded_by", sa.String(length=40), nullable=True))
        batch.add_column(sa.Column("excluded_reason", sa.String(length=500), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("survey_responses") as batch:
        batch.drop_column("excluded_reason")
        batch.drop_column("excluded_by")
        batch.drop_column("excluded_at")
