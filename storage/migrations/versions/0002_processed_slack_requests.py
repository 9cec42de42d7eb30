"""processed slack requests (retry de-duplication)

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-25 18:10:00.000000
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "processed_slack_requests",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=80), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("received_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("key"),
    )
    with op.batch_alter_table("processed_slack_requests", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_processed_slack_requests_received_at"), ["received_at"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("processed_slack_requests", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_processed_slack_requests_received_at"))

    op.drop_table("processed_slack_requests")
