"""area profiles are stored exact (384 bytes of float64): editions stored with the older, rounded
192-byte profiles are removed, to be imported again

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-06 05:20:00.000000
"""

import sys

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None

PROFILE_BYTES = 384  # engagement/areas/profiles.py: 8 domains x 6 measures x float64


def upgrade() -> None:
    # Old profiles hold values already rounded to hundredths and an extent with the wrong taper:
    # they cannot be made exact without the files, so their editions go (areas and LSOA rows with
    # them) and the figures say "nothing imported" until the Indices are imported again.
    connection = op.get_bind()
    stale = connection.execute(
        sa.text(
            "SELECT DISTINCT e.id, e.key FROM editions e JOIN areas a ON a.edition_id = e.id "
            "WHERE length(a.profile) <> :size"
        ),
        {"size": PROFILE_BYTES},
    ).all()
    if not stale:
        return
    for table, column in (
        ("areas", "edition_id"),
        ("lsoa_indices", "edition_id"),
        ("editions", "id"),
    ):
        for edition_id, _key in stale:
            connection.execute(
                sa.text(f"DELETE FROM {table} WHERE {column} = :id"), {"id": edition_id}
            )
    # Running processes rebuild their area index when this counter moves.
    connection.execute(sa.text("UPDATE catalogue_version SET version = version + 1"))
    keys = ", ".join(key for _id, key in stale)
    # Alembic's logger has only a NullHandler unless the caller configures logging: print it.
    print(
        f"Removed the stored edition(s) {keys}, whose area figures were stored rounded: import "
        "the Indices again (fairer import-iod, or make demo for the sample borough).",
        file=sys.stderr,
    )


def downgrade() -> None:
    # Nothing to restore: the removed editions are imported again from the files.
    pass
