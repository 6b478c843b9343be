"""Draft ownership: the person who may replace an enterprise's draft (its creator, or whom staff chose).

Revision ID: 0008
Revises: 0007
"""

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None

TABLES = ("application_draft", "application_draft_history")


def upgrade() -> None:
    for table in TABLES:
        op.add_column(table, sa.Column("owner_id", sa.String(128), nullable=False, server_default=""))
        # every draft so far was replaced only by whoever submitted it last: that person owns it
        op.execute(f"UPDATE {table} SET owner_id = sender_id")


def downgrade() -> None:
    for table in TABLES:
        with op.batch_alter_table(table) as batch:  # SQLite rebuilds the table to drop a column
            batch.drop_column("owner_id")
