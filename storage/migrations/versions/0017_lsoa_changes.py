"""How 2011 LSOAs became 2021 LSOAs (the ONS lookup and its change indicator), to compare
neighbourhoods between IoD2019 and IoD2025

Revision ID: 0017
Revises: 0016
Create Date: 2026-12-06 09:00:00.000000
"""

import sqlalchemy as sa
from alembic import op

revision = "0017"
down_revision = "0016"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "lsoa_changes",
        sa.Column("lsoa11_code", sa.String(length=12), nullable=False),
        sa.Column("lsoa21_code", sa.String(length=12), nullable=False),
        sa.Column("change", sa.String(length=1), nullable=False),
        sa.PrimaryKeyConstraint("lsoa11_code", "lsoa21_code"),
    )
    op.create_index("ix_lsoa_changes_lsoa21", "lsoa_changes", ["lsoa21_code"])


def downgrade() -> None:
    op.drop_index("ix_lsoa_changes_lsoa21", table_name="lsoa_changes")
    op.drop_table("lsoa_changes")
