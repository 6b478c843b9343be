"""Application-list drafts (申请名单草稿): the current one per enterprise, and the ones it replaced.

Revision ID: 0004
Revises: 0002
"""

import sqlalchemy as sa
from alembic import op

from storage.types import UTCDateTime

revision = "0004"
down_revision = "0002"
branch_labels = None
depends_on = None


def _draft_columns() -> list[sa.Column]:
    return [
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("county", sa.String(32), nullable=False),
        sa.Column("enterprise_name", sa.String(200), nullable=False),
        sa.Column("industries", sa.String(500), nullable=False),
        sa.Column("in_industrial_park", sa.Boolean(), nullable=False),
        sa.Column("self_grade", sa.String(8), nullable=False),
        sa.Column("intended_grade", sa.String(16), nullable=False),
        sa.Column("short_board", sa.Text(), nullable=False),
        sa.Column("contact_name", sa.String(64), nullable=False),
        sa.Column("contact_phone", sa.String(16), nullable=False),
        sa.Column("submitted_at", UTCDateTime(), nullable=False),
        sa.Column("channel", sa.String(32), nullable=False),
        sa.Column("chat_id", sa.String(128), nullable=False),
        sa.Column("sender_id", sa.String(128), nullable=False),
        sa.Column("answers", sa.JSON(), nullable=False),
    ]


def upgrade() -> None:
    op.create_table(
        "application_draft",
        sa.Column("credit_code", sa.String(18), primary_key=True),
        *_draft_columns(),
    )
    op.create_index("ix_application_draft_county", "application_draft", ["county"])
    op.create_table(
        "application_draft_history",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("credit_code", sa.String(18), nullable=False),
        *_draft_columns(),
        sa.Column("replaced_at", UTCDateTime(), nullable=False),
    )
    op.create_index("ix_application_draft_history_credit_code", "application_draft_history", ["credit_code"])
    op.create_index("ix_application_draft_history_county", "application_draft_history", ["county"])


def downgrade() -> None:
    op.drop_table("application_draft_history")
    op.drop_table("application_draft")
