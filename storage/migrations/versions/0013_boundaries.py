"""LSOA boundaries and local authority outlines for maps (fairer import-boundaries), and
indexes to find the LSOAs of an MSOA, ward or council

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-06 07:00:00.000000
"""

import sqlalchemy as sa
from alembic import op

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None

# Which LSOAs lie in an MSOA, ward or council: the maps and neighbourhood lists ask on every page.
INDEXED = (
    ("ix_lsoa_indices_msoa", "msoa_code"),
    ("ix_lsoa_indices_ward", "ward_code"),
    ("ix_lsoa_indices_lad", "lad_code"),
)


def upgrade() -> None:
    op.create_table(
        "boundaries",
        sa.Column("kind", sa.String(length=8), nullable=False),
        sa.Column("code", sa.String(length=12), nullable=False),
        sa.Column("min_x", sa.Integer(), nullable=False),
        sa.Column("min_y", sa.Integer(), nullable=False),
        sa.Column("max_x", sa.Integer(), nullable=False),
        sa.Column("max_y", sa.Integer(), nullable=False),
        sa.Column("width", sa.Integer(), nullable=False),
        sa.Column("rings", sa.LargeBinary(), nullable=False),
        sa.PrimaryKeyConstraint("kind", "code"),
    )
    op.create_index(
        "ix_boundaries_view", "boundaries", ["kind", "min_x", "max_x", "min_y", "max_y"]
    )
    op.create_index("ix_boundaries_width", "boundaries", ["kind", "width"])
    for name, column in INDEXED:
        op.create_index(name, "lsoa_indices", ["edition_id", column])


def downgrade() -> None:
    for name, _column in INDEXED:
        op.drop_index(name, table_name="lsoa_indices")
    op.drop_index("ix_boundaries_width", table_name="boundaries")
    op.drop_index("ix_boundaries_view", table_name="boundaries")
    op.drop_table("boundaries")
