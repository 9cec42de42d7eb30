"""response notes ("You said, we did")

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-25 18:20:00.000000
"""

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "response_notes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("survey_id", sa.Integer(), nullable=False),
        sa.Column("area_code", sa.String(length=40), nullable=True),
        sa.Column("said", sa.Text(), nullable=False),
        sa.Column("did", sa.Text(), nullable=False),
        sa.Column("action_references", sa.JSON(), nullable=False),
        sa.Column("author", sa.String(length=40), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["survey_id"], ["surveys.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("response_notes", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_response_notes_area_code"), ["area_code"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_response_notes_survey_id"), ["survey_id"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("response_notes", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_response_notes_survey_id"))
        batch_op.drop_index(batch_op.f("ix_response_notes_area_code"))

    op.drop_table("response_notes")
