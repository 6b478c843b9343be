"""Persistence: sqlmodel tables behind repositories; SQLite by default, PostgreSQL in deployment."""
