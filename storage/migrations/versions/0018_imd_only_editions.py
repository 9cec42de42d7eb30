"""An edition may hold the Index of Multiple Deprivation alone (IoD File 1): the seven domains'
ranks and deciles may be NULL

Revision ID: 0018
Revises: 0017
Create Date: 2026-12-06 09:10:00.000000
"""

import sqlalchemy as sa
from alembic import op

revision = "0018"
down_revision = "0017"
branch_labels = None
depends_on = None

DOMAIN_COLUMNS = [
    f"{domain}_{part}"
    for domain in (
        "income",
        "employment",
        "education",
        "health",
        "crime",
        "barriers",
        "living_environment",
    )
    for part in ("rank", "decile")
]


def upgrade() -> None:
    with op.batch_alter_table("lsoa_indices") as batch:
        for column in DOMAIN_COLUMNS:
            batch.alter_column(column, existing_type=sa.Integer(), nullable=True)


def downgrade() -> None:
    with op.batch_alter_table("lsoa_indices") as batch:
        for column in DOMAIN_COLUMNS:
            batch.alter_column(column, existing_type=sa.Integer(), nullable=False)
