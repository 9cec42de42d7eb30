"""custom areas may say what kind of area they are (the YAML's `type:`)

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-06 06:40:00.000000
"""

import sqlalchemy as sa
from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("custom_areas") as batch:
        batch.add_column(sa.Column("area_type", sa.String(60), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("custom_areas") as batch:
        batch.drop_column("area_type")
