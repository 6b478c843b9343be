"""Alembic environment: runs on the connection storage.db.migrate hands over."""

from alembic import context
from sqlmodel import SQLModel

import storage.models  # noqa: F401  (registers the tables on the metadata)
from storage import tables

connection = context.config.attributes.get("connection")
if connection is None:
    raise RuntimeError("run migrations through storage.db.migrate (python -m bot db upgrade)")
context.configure(
    connection=connection, target_metadata=[tables.metadata, SQLModel.metadata], render_as_batch=True
)
with context.begin_transaction():
    context.run_migrations()
