"""绩效分级助手: the bot core, adapters and composition root."""
