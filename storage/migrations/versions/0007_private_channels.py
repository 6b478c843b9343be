"""Private channels and several workers: the inbox as a per-conversation queue, shared access tokens.

Revision ID: 0007
Revises: 0006
"""

import sqlalchemy as sa
from alembic import op

from storage.types import UTCDateTime

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("inbox") as inbox:
        inbox.add_column(sa.Column("chat_kind", sa.String(16), nullable=False, server_default="private"))
        inbox.add_column(sa.Column("sender_name", sa.String(128), nullable=False, server_default=""))
        inbox.add_column(sa.Column("role", sa.String(16), nullable=False, server_default="enterprise"))
        inbox.add_column(sa.Column("mentions_bot", sa.Boolean(), nullable=False, server_default=sa.true()))
    op.create_index("ix_inbox_conversation", "inbox", ["channel", "chat_id", "sender_id", "id"])
    # only the messages still waiting: small however long the inbox grows, scanned on every tick
    queued = sa.text("status = 'queued'")
    op.create_index(
        "ix_inbox_queued",
        "inbox",
        ["channel", "chat_id", "sender_id", "id"],
        postgresql_where=queued,
        sqlite_where=queued,
    )
    op.create_table(
        "access_tokens",
        sa.Column("name", sa.String(128), primary_key=True),
        sa.Column("token", sa.Text(), nullable=False),
        sa.Column("expires_at", UTCDateTime(), nullable=True),
        sa.Column("refreshing_until", UTCDateTime(), nullable=True),
    )


def downgrade() -> None:
    op.drop_table("access_tokens")
    op.drop_index("ix_inbox_queued", table_name="inbox")
    op.drop_index("ix_inbox_conversation", table_name="inbox")
    with op.batch_alter_table("inbox") as inbox:
        inbox.drop_column("mentions_bot")
        inbox.drop_column("role")
        inbox.drop_column("sender_name")
        inbox.drop_column("chat_kind")
