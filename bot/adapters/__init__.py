"""Adapters: thin converters between a channel and the one message model."""
