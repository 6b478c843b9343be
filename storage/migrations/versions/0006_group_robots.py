"""Group robots: the key of the robot a bound group's pushes go through (/机器人).

Revision ID: 0006
Revises: 0004
"""

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("groups", sa.Column("robot_key", sa.String(128), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("groups") as batch:  # SQLite rebuilds the table to drop a column
        batch.drop_column("robot_key")
