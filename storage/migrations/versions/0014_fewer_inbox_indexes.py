"""Fewer inbox index entries per message: every claim wrote one into each index, and each index a message
touches is a page more that its transaction writes to the write-ahead log.

- The conversation index (channel, chat, sender, id) served only the latest message of a private chat (the
  Official Account's 48-hour window), yet took every group message too, each at a random place (a page of
  its own per message): it now holds private chats only, by sender.
- The replay-key index holds only messages that have a replay key (the Official Account's plain mode); the
  others' NULLs never collide, so uniqueness is unchanged.

Revision ID: 0014
Revises: 0013
"""

import sqlalchemy as sa
from alembic import op

revision = "0014"
down_revision = "0013"
branch_labels = None
depends_on = None

PRIVATE = sa.text("chat_kind = 'private'")
HAS_REPLAY_KEY = sa.text("replay_key IS NOT NULL")


def upgrade() -> None:
    op.drop_index("ix_inbox_conversation", table_name="inbox")
    op.create_index(
        "ix_inbox_private",
        "inbox",
        ["channel", "sender_id", "id"],
        postgresql_where=PRIVATE,
        sqlite_where=PRIVATE,
    )
    op.drop_index("uq_inbox_channel_replay", table_name="inbox")
    op.create_index(
        "uq_inbox_channel_replay",
        "inbox",
        ["channel", "replay_key"],
        unique=True,
        postgresql_where=HAS_REPLAY_KEY,
        sqlite_where=HAS_REPLAY_KEY,
    )


def downgrade() -> None:
    op.drop_index("uq_inbox_channel_replay", table_name="inbox")
    op.create_index("uq_inbox_channel_replay", "inbox", ["channel", "replay_key"], unique=True)
    op.drop_index("ix_inbox_private", table_name="inbox")
    op.create_index("ix_inbox_conversation", "inbox", ["channel", "chat_id", "sender_id", "id"])
