"""Foundation: inbox (de-duplication and trail) and dialogue state.

Revision ID: 0001
Revises:
"""

import sqlalchemy as sa
from alembic import op

from storage.types import UTCDateTime

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "inbox",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("channel", sa.String(32), nullable=False),
        sa.Column("msg_id", sa.String(128), nullable=False),
        sa.Column("chat_id", sa.String(128), nullable=False),
        sa.Column("sender_id", sa.String(128), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("received_at", UTCDateTime(), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("error", sa.Text(), nullable=True),
        sa.UniqueConstraint("channel", "msg_id", name="uq_inbox_channel_msg"),
    )
    op.create_table(
        "dialogue",
        sa.Column("channel", sa.String(32), primary_key=True),
        sa.Column("chat_id", sa.String(128), primary_key=True),
        sa.Column("sender_id", sa.String(128), primary_key=True),
        sa.Column("flow", sa.String(64), nullable=False),
        sa.Column("step", sa.String(64), nullable=False),
        sa.Column("answers", sa.JSON(), nullable=False),
        sa.Column("updated_at", UTCDateTime(), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("dialogue")
    op.drop_table("inbox")
