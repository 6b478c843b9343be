"""Wording is data: a sentence a user reads lives in a template (knowledge/templates/), where a county officer
can correct it without reading Python. Python holds only the words the bot recognises. That holds for what
`knowledge check` tells whoever edits the data too: knowledge/ words it through knowledge/wording.py."""

from __future__ import annotations

import ast
import re
import shutil
from collections.abc import Iterable, Iterator
from pathlib import Path

import jinja2
import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.outbox import Failure, SendFailure
from bot.settings import PACKAGE_ROOT, Settings
from handlers.assessment import sheet_wording
from knowledge import wording
from knowledge.wording import ASSESSMENT_WORDS, PROBLEMS
from tests.harness import CEMENT, complete, make_harness, shipped_renderer

# Chinese characters; punctuation alone (a "、" joining names, the marks a parser trims) is no sentence
CHINESE = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]")
# Words and characters the code reads in text (a parser's or a checker's), not sentences it says.
VOCABULARY_NAME = re.compile(r"_(WORD|WORDS|CHARS|COMMAND|COMMANDS)$")
CHECKED = ("bot", "handlers", "storage", "knowledge")
# Modules whose Chinese is no sentence, each with why.
EXEMPT_MODULES = {
    "bot/timeparse.py": "the time words staff type in /提醒 and /advance (明天, 下午3点, 2小时后, 3天)",
    "bot/settings.py": "the default of BOT_BOT_NAME, the name people @-mention: a setting, not a sentence",
    "knowledge/figures.py": "the numerals, units and percent words figures are written with (七成, 两万吨, 百分之七十)",
    "knowledge/textnorm.py": "the filler words folding drops (请问, 您好), the lead-ins of a question asked for someone else (让我问, 企业问), the grade signs it keeps (B- as b减), the words of grading before a lone grade letter (评上A) and of grades compared (B和C), the hesitation taken out of a term (激励那个政策) and the words that end a clause typed without marks (吗, 我们, 是真的吗)",
}
RENDER = shipped_renderer()  # the session's
SHEET = sheet_wording(RENDER)  # the exported list's title, caveat and columns


def _vocabulary(nodes: Iterable[ast.AST]) -> Iterator[ast.AST]:
    """Literals that are words the bot recognises: a constant named `*_WORD(S)`, `*_CHARS` or `*_COMMAND(S)`
    (also among names unpacked together), and a regular expression (`re.compile(...)`). A command's names are
    never in code: commands.yaml's."""
    for child in nodes:
        if isinstance(child, ast.Call):
            callee = child.func  # written out only where it may be re.compile: unparsing every call was slow
            if (
                isinstance(callee, ast.Attribute)
                and callee.attr == "compile"
                and ast.unparse(callee) == "re.compile"
            ):
                yield from child.args
        elif isinstance(child, ast.Assign | ast.AnnAssign):
            targets = child.targets if isinstance(child, ast.Assign) else [child.target]
            names = [name for target in targets for name in ast.walk(target) if isinstance(name, ast.Name)]
            if any(VOCABULARY_NAME.search(name.id) for name in names) and child.value:
                yield child.value


def _docstrings(nodes: Iterable[ast.AST]) -> Iterator[ast.AST]:
    for node in nodes:
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
            first = node.body[0] if node.body else None
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                yield first.value


def chinese_literals(path: Path) -> list[tuple[int, str]]:
    """(line, text) of every string literal holding Chinese that is neither a docstring nor vocabulary."""
    # every node listed by one walk of the tree, which the three searches below read (a walk each was slower)
    nodes = list(ast.walk(ast.parse(path.read_text(encoding="utf-8"))))
    exempt = {id(n) for root in [*_vocabulary(nodes), *_docstrings(nodes)] for n in ast.walk(root)}
    return sorted(
        (node.lineno, node.value)
        for node in nodes
        if isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and id(node) not in exempt
        and CHINESE.search(node.value)
    )


def test_no_chinese_wording_in_python() -> None:
    found = {
        relative: literals
        for package in CHECKED
        for path in sorted((PACKAGE_ROOT / package).rglob("*.py"))
        if (relative := path.relative_to(PACKAGE_ROOT).as_posix()) not in EXEMPT_MODULES
        and "migrations" not in path.parts
        and (literals := chinese_literals(path))
    }
    assert found == {}, (
        "move these into knowledge/templates/ (knowledge/: through knowledge/wording.py; words the bot "
        "recognises: a constant named *_WORDS)"
    )


def test_the_check_finds_a_sentence_and_passes_vocabulary(tmp_path: Path) -> None:
    module = tmp_path / "module.py"
    module.write_text(
        '"""说明。"""\n'
        "import re\n"
        'YES_WORDS = {"是", "好的"}\n'
        'YES_WORD, NO_WORD = "是", "否"\n'
        '_FILLER_CHARS = frozenset("的了")\n'
        '_ORDINAL = re.compile(r"^第(\\d)个$")\n'
        "async def f(msg, ctx, args):\n"
        '    """说明。"""\n'
        '    raise UserError("请写上内容。")\n',
        encoding="utf-8",
    )
    assert chinese_literals(module) == [(9, "请写上内容。")]


def _helper_template(call: ast.Call) -> str | None:
    """The knowledge template a call words through: a Wording's problem or assessment_word, or a validator's
    refusal and a problem kept unworded, both worded by a Wording from knowledge_problems.j2."""
    callee = ast.unparse(call.func)
    if callee.endswith("problem") or callee in ("refusal", "unworded", "PydanticCustomError"):
        return PROBLEMS
    if callee.endswith("assessment_word"):
        return ASSESSMENT_WORDS
    return None


def test_knowledge_calls_each_macro_as_it_is_written_and_every_one() -> None:
    """knowledge/wording.py calls macros by name and keyword: a call naming no macro, or passing other values
    than the macro takes, would fail only when that problem occurs; a macro no code calls is dead wording."""
    calls = [
        call
        for path in [*sorted((PACKAGE_ROOT / "knowledge").glob("*.py")), PACKAGE_ROOT / "bot" / "settings.py"]
        for call in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(call, ast.Call) and _helper_template(call) and call.args
    ]
    for template in (PROBLEMS, ASSESSMENT_WORDS):
        source = (Settings().templates_dir / template).read_text(encoding="utf-8")
        macros = {
            macro.name: macro for macro in jinja2.Environment().parse(source).find_all(jinja2.nodes.Macro)
        }
        called = set()
        for call in (call for call in calls if _helper_template(call) == template):
            kind = call.args[0]
            if isinstance(kind, ast.Name):  # a constant of knowledge.wording (REFUSED), or a kind passed on
                name = getattr(wording, kind.id, None)
                if name not in macros:
                    continue
            else:
                assert isinstance(kind, ast.Constant), ast.unparse(call)
                name = kind.value
            macro = macros[str(name)]
            arguments = [argument.name for argument in macro.args]
            required = set(arguments[: len(arguments) - len(macro.defaults)])
            given = {keyword.arg for keyword in call.keywords}
            if len(call.args) > 2 and isinstance(call.args[2], ast.Dict):  # PydanticCustomError's context
                given = {str(key.value) for key in call.args[2].keys if isinstance(key, ast.Constant)}
            if None in given:  # **values: pydantic's context, which field_refused takes as it comes
                assert macro.name == wording.REFUSED, ast.unparse(call)
                given = set(arguments)
            assert required <= given <= set(arguments), ast.unparse(call)
            called.add(name)
        assert called == set(macros), template


def test_every_send_failure_has_its_own_words() -> None:
    worded = {
        kind: RENDER("send_failure.j2", failure=SendFailure(kind, "wecom", 500, 40013, "x"))
        for kind in Failure
    }
    generic = worded[Failure.REFUSED]
    assert all(words and (kind is Failure.REFUSED or words != generic) for kind, words in worded.items())


@given(
    kind=st.sampled_from(Failure),
    platform=st.sampled_from(["", "wecom", "mp", "wecom_robot", "console"]),
    status=st.none() | st.integers(100, 599),
    errcode=st.none() | st.integers(-1, 10**6),
    errmsg=st.text(max_size=50),
    token=st.booleans(),
    attempts=st.integers(0, 20),
)
def test_a_failure_reads_back_as_stored(
    kind: Failure,
    platform: str,
    status: int | None,
    errcode: int | None,
    errmsg: str,
    token: bool,
    attempts: int,
) -> None:
    failure = SendFailure(kind, platform, status, errcode, errmsg, token, attempts)
    assert SendFailure.decode(failure.encode()) == failure


@given(st.text(max_size=200).filter(lambda text: not text.lstrip().startswith("{")))
def test_a_reason_stored_as_a_sentence_is_shown_as_it_is(stored: str) -> None:
    failure = SendFailure.decode(stored)  # an earlier version stored the reason as a sentence
    assert failure.kind is Failure.RECORDED
    assert RENDER("send_failure.j2", failure=failure) == stored.strip()


@pytest.mark.slow
async def test_a_deployment_rewords_the_knowledge_through_its_templates_folder(
    tmp_path: Path, settings: Settings
) -> None:
    """BOT_TEMPLATES_DIR is the one place every template is found, the knowledge's own words included: the
    words grading puts into the self-assessment's result and draft row (assessment_words.j2) too."""
    templates = tmp_path / "templates"
    shutil.copytree(settings.templates_dir, templates)
    words = templates / ASSESSMENT_WORDS
    words.write_text(
        words.read_text(encoding="utf-8").replace("（目前{{ current }}）", "（贵企业现为{{ current }}）"),
        encoding="utf-8",
    )
    harness = make_harness(settings.model_copy(update={"templates_dir": templates}))
    run = await complete(harness, "李经理", CEMENT, chat="李经理")
    assert "（水泥罐车除外）（贵企业现为85%）" in run.text
    assert "（目前85%）" not in run.text
