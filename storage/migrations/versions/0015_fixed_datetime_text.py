"""One text format for every datetime SQLite stores: the inbox's and the outbox's own writes stored a whole
second as "YYYY-MM-DD HH:MM:SS", every other write (and theirs now) as "YYYY-MM-DD HH:MM:SS.000000"; SQLite
compares them as text, so an instant stored the short way came before itself. PostgreSQL stores timestamps:
nothing to do there.

Revision ID: 0015
Revises: 0014
"""

from alembic import op

revision = "0015"
down_revision = "0014"
branch_labels = None
depends_on = None

WRITTEN_BY_THE_DRIVER = (("inbox", "received_at"), ("outbox", "lease_until"))
WHOLE_SECOND = len("2020-07-15 01:00:00")


def upgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    for table, column in WRITTEN_BY_THE_DRIVER:
        op.execute(
            f"UPDATE {table} SET {column} = {column} || '.000000' WHERE length({column}) = {WHOLE_SECOND}"
        )


def downgrade() -> None:
    pass  # both formats are read back as the same datetime
