"""answers no longer check their survey_id (their response does), and responses lose an index
their unique constraint already gives

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-01 22:30:00.000000
"""

from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None

# SQLite's foreign keys have no names: batch mode names them by this convention when it rebuilds
# the table, and it gives the name PostgreSQL gave the constraint.
NAMES = {"fk": "%(table_name)s_%(column_0_name)s_fkey"}


def upgrade() -> None:
    with op.batch_alter_table("survey_answers", naming_convention=NAMES) as batch_op:
        batch_op.drop_constraint("survey_answers_survey_id_fkey", type_="foreignkey")
    with op.batch_alter_table("survey_responses", schema=None) as batch_op:
        batch_op.drop_index("ix_survey_responses_survey_id")


def downgrade() -> None:
    with op.batch_alter_table("survey_responses", schema=None) as batch_op:
        batch_op.create_index("ix_survey_responses_survey_id", ["survey_id"], unique=False)
    with op.batch_alter_table("survey_answers", naming_convention=NAMES) as batch_op:
        batch_op.create_foreign_key(
            "survey_answers_survey_id_fkey", "surveys", ["survey_id"], ["id"], ondelete="CASCADE"
        )
