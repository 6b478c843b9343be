"""Reminders and broadcasts are numbered each within its kind (提醒#1, 广播#1): one sequence for both made the
staff's list of reminders skip the numbers broadcasts took. Existing rows are numbered in the order they were
made.

Revision ID: 0017
Revises: 0016
"""

import sqlalchemy as sa
from alembic import op

revision = "0017"
down_revision = "0016"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("announcements", sa.Column("number", sa.Integer(), nullable=True))
    op.execute(
        "UPDATE announcements SET number = (SELECT count(*) FROM announcements AS earlier"
        " WHERE earlier.kind = announcements.kind AND earlier.id <= announcements.id)"
    )
    op.create_index("ux_announcements_kind_number", "announcements", ["kind", "number"], unique=True)


def downgrade() -> None:
    op.drop_index("ux_announcements_kind_number", table_name="announcements")
    with op.batch_alter_table("announcements") as batch:
        batch.drop_column("number")
