"""The channels' names: what routes by channel needs them without an adapter's code and its libraries (the
WeCom app's and the Official Account's bring wechatpy's parsers, imported only when they are configured)."""

CONSOLE = "console"
WECOM_BOT = "wecom_bot"
WECOM_APP = "wecom_app"
MP = "mp"
