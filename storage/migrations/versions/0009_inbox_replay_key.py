"""The inbox's replay key: a signed query whose signature does not cover the body is taken once.

Revision ID: 0009
Revises: 0008
"""

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("inbox", sa.Column("replay_key", sa.String(64), nullable=True))
    # a unique index, not a constraint: SQLite adds it without rebuilding the table (NULLs never collide)
    op.create_index("uq_inbox_channel_replay", "inbox", ["channel", "replay_key"], unique=True)


def downgrade() -> None:
    op.drop_index("uq_inbox_channel_replay", table_name="inbox")
    with op.batch_alter_table("inbox") as inbox:
        inbox.drop_column("replay_key")
