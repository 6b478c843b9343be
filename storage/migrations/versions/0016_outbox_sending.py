"""Answers whose send began where a duplicate is worse than a loss (the AI bot's, whose way back after a
restart is a group robot without a duplicate check) are marked 'sending' first; a crash leaves them so, and
each tick records those a dead process left as failed. A partial index finds those few without reading the
outbox.

Revision ID: 0016
Revises: 0015
"""

import sqlalchemy as sa
from alembic import op

revision = "0016"
down_revision = "0015"
branch_labels = None
depends_on = None

SENDING = sa.text("status = 'sending'")


def upgrade() -> None:
    op.create_index(
        "ix_outbox_sending", "outbox", ["lease_until"], postgresql_where=SENDING, sqlite_where=SENDING
    )


def downgrade() -> None:
    op.drop_index("ix_outbox_sending", table_name="outbox")
