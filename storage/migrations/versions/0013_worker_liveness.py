"""Workers: each start of a serving process gets an id, recorded on the messages it claims and the answers it
leases, so another process can take up at once what a dead one left (storage.repos.Liveness).

Revision ID: 0013
Revises: 0012
"""

import sqlalchemy as sa
from alembic import op

from storage.types import UTCDateTime

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "worker",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("host", sa.String(255), nullable=False),
        sa.Column("pid", sa.Integer(), nullable=False),
        sa.Column("started_at", UTCDateTime(), nullable=False),
    )
    op.add_column("inbox", sa.Column("claimed_by", sa.Integer(), nullable=True))
    op.add_column("outbox", sa.Column("leased_to", sa.Integer(), nullable=True))


def downgrade() -> None:
    op.drop_column("outbox", "leased_to")
    op.drop_column("inbox", "claimed_by")
    op.drop_table("worker")
