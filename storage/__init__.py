"""Persistence: SQLAlchemy Core tables behind repositories; SQLite by default, PostgreSQL in deployment."""
