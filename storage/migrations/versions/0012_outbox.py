"""The outbox: each reply (its text, or its file's path) recorded with its message's settlement, so a crash
before the send loses nothing; an index for deleting handled messages after BOT_INBOX_RETENTION_DAYS.

Revision ID: 0012
Revises: 0011
"""

import sqlalchemy as sa
from alembic import op

from storage.types import UTCDateTime

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "outbox",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("channel", sa.String(32), nullable=False),
        sa.Column("msg_id", sa.String(128), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("reply_channel", sa.String(32), nullable=False),
        sa.Column("chat_id", sa.String(128), nullable=False),
        sa.Column("recipient", sa.String(128), nullable=True),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("file", sa.Text(), nullable=True),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("error", sa.Text(), nullable=True),
        sa.Column("lease_until", UTCDateTime(), nullable=True),
        sa.UniqueConstraint("channel", "msg_id", "seq", name="uq_outbox_message_seq"),
    )
    op.create_index(
        "ix_outbox_pending",
        "outbox",
        ["lease_until"],
        postgresql_where=sa.text("status = 'pending'"),
        sqlite_where=sa.text("status = 'pending'"),
    )
    op.create_index("ix_inbox_received_at", "inbox", ["received_at"])


def downgrade() -> None:
    op.drop_index("ix_inbox_received_at", table_name="inbox")
    op.drop_index("ix_outbox_pending", table_name="outbox")
    op.drop_table("outbox")
