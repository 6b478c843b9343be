"""Handlers: one module per capability, each owning a Router; they return replies, never send."""
