"""What start-up keeps in BOT_CACHE_DIR (the validated, indexed knowledge; the compiled templates) answers
exactly as a full build would, is rebuilt whenever what it was built from changes, and never stops a start."""

from __future__ import annotations

import shutil
from pathlib import Path

import jinja2
import pytest

from bot.render import Renderer
from bot.settings import Settings
from knowledge import base, wording
from knowledge.base import KnowledgeBase, load_knowledge
from knowledge.wording import Wording

TEMPLATES = Settings().templates_dir
QUESTIONS = ["申请名单什么时候交", "不申报会怎样", "A级企业有什么好处", "平山县有奖励吗", "砖瓦厂算不算"]


def answers(kb: KnowledgeBase) -> list[list[tuple[str, float]]]:
    return [[(hit.entry.id, hit.score) for hit in kb.faq.search(question)] for question in QUESTIONS]


@pytest.fixture
def data(tmp_path: Path) -> Path:
    """A copy of the shipped knowledge, to edit."""
    folder = tmp_path / "data"
    shutil.copytree(Settings().knowledge_dir, folder)
    return folder


def no_build(folder: Path, words: Wording) -> KnowledgeBase:
    raise AssertionError(f"{folder} was built again instead of read from the cache")


def test_a_second_start_reads_the_knowledge_the_first_kept(
    kb: KnowledgeBase, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache = tmp_path / "cache"
    first = load_knowledge(Settings().knowledge_dir, TEMPLATES, cache)
    assert answers(first) == answers(kb)
    [kept] = cache.iterdir()
    assert kept.stat().st_mode & 0o077 == 0  # the bot's user's alone, like the database
    monkeypatch.setattr(base, "_build", no_build)
    second = load_knowledge(Settings().knowledge_dir, TEMPLATES, cache)
    assert answers(second) == answers(kb)
    assert second.counties.match("平山") is not None
    assert second.corrected("申保截止时间") == kb.corrected("申保截止时间")  # the lazily built sound index


@pytest.mark.slow
def test_an_edited_data_file_is_never_answered_from_the_cache(data: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    before = load_knowledge(data, TEMPLATES, cache)
    entry = before.faq.search("申请名单什么时候交")[0].entry
    faq = next(path for path in data.glob("faq_*.yaml") if f"id: {entry.id}\n" in path.read_text("utf-8"))
    faq.write_text(faq.read_text("utf-8").replace(entry.answer[:12], "改过的答案：", 1), encoding="utf-8")
    after = load_knowledge(data, TEMPLATES, cache)
    assert after.entries[entry.id].answer.startswith("改过的答案：")
    assert len(list(cache.iterdir())) == 1  # the file built from the old data is gone


def test_an_edited_knowledge_template_is_never_answered_from_the_cache(
    kb: KnowledgeBase, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The knowledge words its problems and a few answer words through the templates it is given
    (knowledge.wording): they are part of what it is built from."""
    templates, cache = tmp_path / "templates", tmp_path / "cache"
    templates.mkdir()
    for name in wording.FILES:
        shutil.copy(TEMPLATES / name, templates / name)
    built: list[Path] = []

    def build(folder: Path, words: Wording) -> KnowledgeBase:
        built.append(folder)
        return kb

    monkeypatch.setattr(base, "_build", build)
    folder = Settings().knowledge_dir
    load_knowledge(folder, templates, cache)
    load_knowledge(folder, templates, cache)
    assert built == [folder]  # the second from the cache
    for name in wording.FILES:
        with open(templates / name, "a", encoding="utf-8") as template:
            template.write("{#- 改过 -#}\n")
        load_knowledge(folder, templates, cache)
        assert built == [folder] * (2 + wording.FILES.index(name))  # built again
        assert len(list(cache.iterdir())) == 1  # the file built with the old wording is gone


def test_a_broken_data_file_still_stops_the_start(
    kb: KnowledgeBase, data: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache = tmp_path / "cache"
    with monkeypatch.context() as building:
        building.setattr(
            base, "_build", lambda folder, words: kb
        )  # what the data builds, kept as a start would
        load_knowledge(data, TEMPLATES, cache)
    assert len(list(cache.iterdir())) == 1
    (data / "counties.yaml").write_text("counties: [{name: 平山县, typo: 1}]\n", encoding="utf-8")
    with pytest.raises(base.KnowledgeError, match=r"counties\.yaml"):
        load_knowledge(data, TEMPLATES, cache)


def test_a_cache_that_cannot_be_used_costs_only_time(
    kb: KnowledgeBase, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    built: list[Path] = []

    def build(folder: Path, words: Wording) -> KnowledgeBase:  # what a build gives, without its ~0.5 s
        built.append(folder)
        return kb

    monkeypatch.setattr(base, "_build", build)
    folder = Settings().knowledge_dir
    not_a_folder = tmp_path / "file"
    not_a_folder.write_text("")
    assert load_knowledge(folder, TEMPLATES, not_a_folder) is kb
    cache = tmp_path / "cache"
    load_knowledge(folder, TEMPLATES, cache)
    [kept] = cache.iterdir()
    kept.write_bytes(kept.read_bytes()[:1000])  # cut short, as by a full disk
    assert load_knowledge(folder, TEMPLATES, cache) is kb
    assert built == [folder] * 3  # built each time, the cut file never read as knowledge
    kept.chmod(0o666)  # writable by others: whoever could have written it, it is not unpickled
    monkeypatch.setattr(base, "_build", lambda folder, words: "built")
    assert load_knowledge(folder, TEMPLATES, cache) == "built"


def test_templates_are_compiled_once_and_again_when_edited(tmp_path: Path) -> None:
    templates, cache = tmp_path / "templates", tmp_path / "cache"
    templates.mkdir()
    (templates / "hello.j2").write_text("你好，{{ name }}", encoding="utf-8")
    assert Renderer(templates, cache=cache)("hello.j2", name="张三") == "你好，张三"
    assert list((cache / "templates").iterdir())  # jinja2's compiled code, kept
    assert Renderer(templates, cache=cache)("hello.j2", name="张三") == "你好，张三"
    (templates / "hello.j2").write_text("您好，{{ name }}", encoding="utf-8")
    assert Renderer(templates, cache=cache)("hello.j2", name="张三") == "您好，张三"
    (templates / "hello.j2").write_text("您好，{{ name ", encoding="utf-8")
    with pytest.raises(jinja2.TemplateSyntaxError):
        Renderer(templates, cache=cache)  # a broken template stops the start, cache or not
    (templates / "hello.j2").write_text("你好", encoding="utf-8")
    (tmp_path / "file").write_text("")
    assert Renderer(templates, cache=tmp_path / "file" / "cache")("hello.j2") == "你好"  # cannot be written
    (cache / "templates").chmod(0o777)  # anyone could put code there: compiled afresh, nothing loaded
    assert Renderer(templates, cache=cache)._env.bytecode_cache is None
