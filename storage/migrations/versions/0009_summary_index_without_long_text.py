"""the summary index leaves out long free text (PostgreSQL refused comments over about 2,700 bytes)

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-01 20:30:00.000000
"""

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None

COLUMNS = ["survey_id", "question_key", "value", "position", "respondent_type", "area_code"]
WHERE = sa.text("length(value) <= 200")


def upgrade() -> None:
    with op.batch_alter_table("survey_answers", schema=None) as batch_op:
        batch_op.drop_index("ix_survey_answers_summary")
        batch_op.create_index(
            "ix_survey_answers_summary",
            COLUMNS,
            unique=False,
            sqlite_where=WHERE,
            postgresql_where=WHERE,
        )


def downgrade() -> None:
    with op.batch_alter_table("survey_answers", schema=None) as batch_op:
        batch_op.drop_index("ix_survey_answers_summary")
        batch_op.create_index("ix_survey_answers_summary", COLUMNS, unique=False)
