"""Errors whose Chinese text is meant for the user."""


class UserError(Exception):
    """Raised by a handler: its message is the reply, in Chinese."""

    def __init__(self, text: str) -> None:
        super().__init__(text)
        self.text = text


APOLOGY = "抱歉，处理您的消息时出了点问题，已记录下来。请稍后再试，或换个说法再问一次。"
