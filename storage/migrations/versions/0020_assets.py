"""Community assets and services in an area

Revision ID: 0020
Revises: 0019
Create Date: 2026-12-06 09:20:00.000000
"""

import sqlalchemy as sa
from alembic import op

revision = "0020"
down_revision = "0019"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "assets",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=260), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("kind", sa.String(length=24), nullable=False),
        sa.Column("address", sa.String(length=300), nullable=False),
        sa.Column("postcode", sa.String(length=10), nullable=False),
        sa.Column("area_code", sa.String(length=40), nullable=False),
        sa.Column("lsoa_code", sa.String(length=12), nullable=True),
        sa.Column("latitude", sa.Float(), nullable=True),
        sa.Column("longitude", sa.Float(), nullable=True),
        sa.Column("contact", sa.String(length=200), nullable=False),
        sa.Column("opening_times", sa.String(length=300), nullable=False),
        sa.Column("website", sa.String(length=300), nullable=False),
        sa.Column("source", sa.String(length=200), nullable=False),
        sa.Column("source_line", sa.Integer(), nullable=False),
        sa.Column("imported_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("key"),
    )
    with op.batch_alter_table("assets", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_assets_area_code"), ["area_code"], unique=False)
        batch_op.create_index(batch_op.f("ix_assets_kind"), ["kind"], unique=False)
        batch_op.create_index(batch_op.f("ix_assets_lsoa_code"), ["lsoa_code"], unique=False)
        batch_op.create_index(batch_op.f("ix_assets_source"), ["source"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("assets", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_assets_source"))
        batch_op.drop_index(batch_op.f("ix_assets_lsoa_code"))
        batch_op.drop_index(batch_op.f("ix_assets_kind"))
        batch_op.drop_index(batch_op.f("ix_assets_area_code"))
    op.drop_table("assets")
