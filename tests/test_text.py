"""Splitting at sentence boundaries by UTF-8 bytes."""

from bot.text import split_text, utf8_len


def test_short_text_is_one_piece() -> None:
    assert split_text("你好。") == ["你好。"]


def test_cuts_after_sentence_ends_within_limit() -> None:
    text = "第一句话。" * 10 + "第二段！" * 10
    pieces = split_text(text, limit=60)
    assert all(utf8_len(p) <= 60 for p in pieces)
    assert all(p.endswith(("。", "！")) for p in pieces)
    assert "".join(pieces) == text


def test_sentence_longer_than_limit_is_cut_between_characters() -> None:
    pieces = split_text("字" * 100, limit=31)
    assert all(utf8_len(p) <= 31 for p in pieces)
    assert "".join(pieces) == "字" * 100
