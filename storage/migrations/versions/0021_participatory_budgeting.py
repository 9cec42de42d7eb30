"""Participatory budgeting rounds, their projects and ballots

Revision ID: 0021
Revises: 0020
Create Date: 2026-12-06 09:20:00.000000
"""

import sqlalchemy as sa
from alembic import op

revision = "0021"
down_revision = "0020"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "pb_rounds",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("slug", sa.String(length=80), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("area_code", sa.String(length=40), nullable=False),
        sa.Column("budget", sa.Integer(), nullable=False),
        sa.Column("opens_on", sa.Date(), nullable=False),
        sa.Column("closes_on", sa.Date(), nullable=False),
        sa.Column("rule", sa.String(length=10), nullable=False),
        sa.Column("max_choices", sa.Integer(), nullable=True),
        sa.Column("voters", sa.String(length=10), nullable=False),
        sa.Column("status", sa.String(length=12), nullable=False),
        sa.Column("published_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("slug"),
    )
    op.create_table(
        "pb_projects",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("round_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("cost", sa.Integer(), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("idea_id", sa.Integer(), nullable=True),
        sa.Column("action_reference", sa.String(length=40), nullable=True),
        sa.ForeignKeyConstraint(["idea_id"], ["ideas.id"], ondelete="SET NULL"),
        sa.ForeignKeyConstraint(["round_id"], ["pb_rounds.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("round_id", "title"),
    )
    op.create_table(
        "pb_ballots",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("round_id", sa.Integer(), nullable=False),
        sa.Column("receipt_code", sa.String(length=20), nullable=False),
        sa.Column("channel", sa.String(length=10), nullable=False),
        sa.Column("submission_token", sa.String(length=64), nullable=True),
        sa.Column("area_code", sa.String(length=40), nullable=True),
        sa.Column("entered_by", sa.String(length=40), nullable=True),
        sa.Column("choices", sa.JSON(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["round_id"], ["pb_rounds.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("receipt_code"),
        sa.UniqueConstraint("round_id", "submission_token"),
    )
    op.create_index("ix_pb_ballots_round_area", "pb_ballots", ["round_id", "area_code"])
    op.create_table(
        "pb_invites",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("round_id", sa.Integer(), nullable=False),
        sa.Column("code_hash", sa.String(length=64), nullable=False),
        sa.Column("label", sa.String(length=200), nullable=False),
        sa.Column("used_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(["round_id"], ["pb_rounds.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("code_hash"),
    )
    op.create_index("ix_pb_invites_round_id", "pb_invites", ["round_id"])


def downgrade() -> None:
    op.drop_index("ix_pb_invites_round_id", table_name="pb_invites")
    op.drop_table("pb_invites")
    op.drop_index("ix_pb_ballots_round_area", table_name="pb_ballots")
    op.drop_table("pb_ballots")
    op.drop_table("pb_projects")
    op.drop_table("pb_rounds")
