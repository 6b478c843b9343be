"""Whether what a source line cites is there: the document's file, and the article in its text."""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

from knowledge.models import Source, SourceRef
from knowledge.wording import Wording

# The folder holding knowledge/: a source's `file` is relative to it.
REPOSITORY_ROOT = Path(__file__).resolve().parent.parent

_NUMERAL_CHARS = "一二三四五六七八九十"
# How the documents name their articles: as source lines cite them and their texts head them.
_CLAUSE_WORD = "第（{}）条"
_ANNEX_WORD = "附件{}"
_ANNEX_LIST_WORD = "附件："
_CLAUSE = re.compile(rf"第（([{_NUMERAL_CHARS}]+)）条")
_ANNEX = re.compile(r"附件(\d+)")
_PART = re.compile(rf"^([{_NUMERAL_CHARS}]+)、(.+)$")
_PART_HEADING = re.compile(rf"^\s*([{_NUMERAL_CHARS}]+)、(.*)$", re.MULTILINE)
_SPACE = re.compile(r"\s+")


def citation_problems(
    sources: Iterable[Source], refs: list[tuple[str, SourceRef]], root: Path, words: Wording
) -> list[str]:
    """A source whose file is missing, and each reference whose article its document does not contain."""
    problems: list[str] = []
    texts: dict[str, str] = {}
    by_id = {source.id: source for source in sources}
    for source in by_id.values():
        path = root / source.file
        if not path.is_file():
            problems.append(
                words.problem(
                    "source_file_missing", where=f"sources.yaml: {source.id}.file", file=source.file
                )
            )
        elif source.articles:
            texts[source.id] = path.read_text(encoding="utf-8")
    for where, ref in refs:
        cited = by_id.get(ref.doc)
        if cited is None or ref.doc not in texts:
            continue
        find = _missing_clauses if cited.articles == "clauses" else _missing_part
        problems += [
            words.problem("article_missing", where=where, file=cited.file, article=missing)
            for missing in find(texts[ref.doc], ref.section)
        ]
    return problems


def _missing_clauses(text: str, section: str) -> list[str]:
    """第（N）条 must start a line of the text; 附件N must head an annex or be in the annex list."""
    missing = [
        _CLAUSE_WORD.format(number)
        for number in _CLAUSE.findall(section)
        if not re.search(rf"^\s*（{number}）", text, re.MULTILINE)
    ]
    folded = _SPACE.sub("", text)
    annex_list = folded[folded.find(_ANNEX_LIST_WORD) :] if _ANNEX_LIST_WORD in folded else ""
    missing += [
        _ANNEX_WORD.format(number)
        for number in _ANNEX.findall(section)
        if _ANNEX_WORD.format(number) not in folded and not re.search(rf"(：|\D){number}\.", annex_list)
    ]
    return missing


def _missing_part(text: str, section: str) -> list[str]:
    """一、2.适用对象: part 一 has item 2.适用对象; 一、标题·项目: part 一's heading holds the title and its
    text the item. Sections that name no numbered part (全文·…, 各项政策·…) are not checkable."""
    cited = _PART.match(section)
    if cited is None:
        return []
    number, rest = cited.groups()
    headings = list(_PART_HEADING.finditer(text))
    for at, heading in enumerate(headings):
        if heading.group(1) != number:
            continue
        end = headings[at + 1].start() if at + 1 < len(headings) else len(text)
        body = _SPACE.sub("", text[heading.end() : end])
        title, _, item = rest.rpartition("·")
        missing = []
        if title and title not in heading.group(2):
            missing.append(f"{number}、…{title}")
        if _SPACE.sub("", item) not in body and _SPACE.sub("", item) not in _SPACE.sub("", heading.group(2)):
            missing.append(f"{number}、…{item}")  # the part itself ("一、实施…制度") is cited by its heading
        return missing
    return [f"{number}、"]
