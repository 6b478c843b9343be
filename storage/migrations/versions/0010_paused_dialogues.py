"""Paused dialogues: an idle self-assessment is kept for BOT_DIALOGUE_KEEP_DAYS, not discarded.

Revision ID: 0010
Revises: 0009
"""

import sqlalchemy as sa
from alembic import op

from storage.types import UTCDateTime

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "paused_dialogue",
        sa.Column("channel", sa.String(32), primary_key=True),
        sa.Column("chat_id", sa.String(128), primary_key=True),
        sa.Column("sender_id", sa.String(128), primary_key=True),
        sa.Column("flow", sa.String(64), primary_key=True),
        sa.Column("step", sa.String(64), nullable=False),
        sa.Column("answers", sa.JSON(), nullable=False),
        sa.Column("updated_at", UTCDateTime(), nullable=False),
    )
    op.create_index("ix_paused_dialogue_updated_at", "paused_dialogue", ["updated_at"])


def downgrade() -> None:
    op.drop_index("ix_paused_dialogue_updated_at", table_name="paused_dialogue")
    op.drop_table("paused_dialogue")
