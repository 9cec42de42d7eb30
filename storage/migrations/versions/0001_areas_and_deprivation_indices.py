"""areas and deprivation indices

Revision ID: 0001
Revises:
Create Date: 2026-11-25 16:55:34.582322
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "area_aliases",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("area_code", sa.String(length=40), nullable=False),
        sa.Column("alias", sa.String(length=200), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("area_code", "alias"),
    )
    with op.batch_alter_table("area_aliases", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_area_aliases_area_code"), ["area_code"], unique=False)

    op.create_table(
        "catalogue_version",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_table(
        "custom_areas",
        sa.Column("code", sa.String(length=40), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("lad_code", sa.String(length=12), nullable=True),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("members", sa.JSON(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("code"),
    )
    op.create_table(
        "editions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=20), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("lsoa_year", sa.Integer(), nullable=False),
        sa.Column("lsoa_total", sa.Integer(), nullable=False),
        sa.Column("is_sample", sa.Boolean(), nullable=False),
        sa.Column("sources", sa.Text(), nullable=False),
        sa.Column("imported_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("key"),
    )
    op.create_table(
        "areas",
        sa.Column("edition_id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=40), nullable=False),
        sa.Column("kind", sa.String(length=12), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("alt_name", sa.String(length=200), nullable=True),
        sa.Column("lad_code", sa.String(length=12), nullable=True),
        sa.Column("population", sa.Integer(), nullable=False),
        sa.Column("lsoa_count", sa.Integer(), nullable=False),
        sa.Column("profile", sa.LargeBinary(), nullable=False),
        sa.ForeignKeyConstraint(["edition_id"], ["editions.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("edition_id", "code"),
    )
    op.create_table(
        "lsoa_indices",
        sa.Column("edition_id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=12), nullable=False),
        sa.Column("msoa_code", sa.String(length=12), nullable=True),
        sa.Column("ward_code", sa.String(length=12), nullable=True),
        sa.Column("lad_code", sa.String(length=12), nullable=False),
        sa.Column("population", sa.Integer(), nullable=False),
        sa.Column("imd_rank", sa.Integer(), nullable=False),
        sa.Column("imd_decile", sa.Integer(), nullable=False),
        sa.Column("income_rank", sa.Integer(), nullable=False),
        sa.Column("income_decile", sa.Integer(), nullable=False),
        sa.Column("employment_rank", sa.Integer(), nullable=False),
        sa.Column("employment_decile", sa.Integer(), nullable=False),
        sa.Column("education_rank", sa.Integer(), nullable=False),
        sa.Column("education_decile", sa.Integer(), nullable=False),
        sa.Column("health_rank", sa.Integer(), nullable=False),
        sa.Column("health_decile", sa.Integer(), nullable=False),
        sa.Column("crime_rank", sa.Integer(), nullable=False),
        sa.Column("crime_decile", sa.Integer(), nullable=False),
        sa.Column("barriers_rank", sa.Integer(), nullable=False),
        sa.Column("barriers_decile", sa.Integer(), nullable=False),
        sa.Column("living_environment_rank", sa.Integer(), nullable=False),
        sa.Column("living_environment_decile", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["edition_id"], ["editions.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("edition_id", "code"),
    )


def downgrade() -> None:
    op.drop_table("lsoa_indices")
    op.drop_table("areas")
    op.drop_table("editions")
    op.drop_table("custom_areas")
    op.drop_table("catalogue_version")
    with op.batch_alter_table("area_aliases", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_area_aliases_area_code"))

    op.drop_table("area_aliases")
