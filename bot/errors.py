"""Errors whose Chinese text is meant for the user."""


class UserError(Exception):
    """Raised by a handler: its message is the reply, in Chinese."""

    def __init__(self, text: str) -> None:
        super().__init__(text)
        self.text = text
