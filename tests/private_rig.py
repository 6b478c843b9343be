"""Moved to tests/harness.py; kept so that tests written before the move still import from here."""

from tests.harness import STAFF, Rig, private_rig

__all__ = ["STAFF", "Rig", "private_rig"]
