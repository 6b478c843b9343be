"""Application-list drafts on SQLite and PostgreSQL: one current row per credit code, history kept."""

from __future__ import annotations

from datetime import datetime, timedelta

from storage.db import make_engine, migrate
from storage.models import DialogueRecord, DraftRecord
from storage.repos import Repositories

START = datetime.fromisoformat("2020-07-15T09:00:00+08:00")


def draft(code: str, county: str, grade: str, minutes: int, sender: str = "张三") -> DraftRecord:
    return DraftRecord(
        credit_code=code,
        county=county,
        enterprise_name=f"{county}{code[-4:]}公司",
        industries="水泥、铸造",
        in_industrial_park=True,
        self_grade=grade,
        intended_grade="B级",
        short_board="水泥·运输方式",
        contact_name="张经理",
        contact_phone="13812345678",
        submitted_at=START + timedelta(minutes=minutes),
        channel="console",
        chat_id="平山县企业群",
        sender_id=sender,
        answers={"industries": ["水泥", "铸造"], "cement_clean_share@水泥": 60.0},
    )


def test_drafts_are_replaced_and_kept_in_history(database_url: str) -> None:
    engine = make_engine(database_url)
    migrate(engine)
    drafts = Repositories.on(engine).drafts
    assert drafts.submit(draft("91330100716105852F", "平山县", "C级", 0)).version == 1  # type: ignore[union-attr]
    drafts.submit(draft("91440300708461136T", "鹿泉区", "B级", 1, sender="李四"))
    drafts.submit(draft("91110000600037341L", "平山县", "B级", 2, sender="李四"))
    replaced = drafts.submit(draft("91330100716105852F", "平山县", "B级", 3))
    assert replaced is not None
    assert (replaced.version, replaced.owner_id) == (2, "张三")
    assert [d.credit_code for d in drafts.for_county("平山县")] == [
        "91110000600037341L",
        "91330100716105852F",
    ]
    current = drafts.current("91330100716105852F")
    assert current is not None
    assert (current.self_grade, current.version, current.submitted_at) == (
        "B级",
        2,
        START + timedelta(minutes=3),
    )
    assert current.answers == {"industries": ["水泥", "铸造"], "cement_clean_share@水泥": 60.0}
    history = drafts.history("91330100716105852F")
    assert [(old.version, old.self_grade, old.replaced_at) for old in history] == [
        (1, "C级", START + timedelta(minutes=3))
    ]
    assert [d.credit_code for d in drafts.owned_by("console", "李四")] == [
        "91440300708461136T",
        "91110000600037341L",
    ]
    engine.dispose()


def test_only_the_owner_replaces_a_draft_until_staff_transfer_it(database_url: str) -> None:
    engine = make_engine(database_url)
    migrate(engine)
    drafts = Repositories.on(engine).drafts
    code = "91330100716105852F"
    drafts.submit(draft(code, "平山县", "C级", 0))
    assert drafts.held_by_another(code, "console", "李四")
    assert not drafts.held_by_another(code, "console", "张三")
    assert drafts.submit(draft(code, "平山县", "A级", 1, sender="李四")) is None
    assert drafts.transfer(code, "李四", "王五", START) is None  # not 李四's to give
    moved = drafts.transfer(code, "张三", "李四", START + timedelta(minutes=2))
    assert moved is not None
    assert (moved.owner_id, moved.version, moved.sender_id, moved.self_grade) == ("李四", 2, "张三", "C级")
    assert drafts.submit(draft(code, "平山县", "B级", 3)) is None  # the former owner no longer may
    again = drafts.submit(draft(code, "平山县", "A级", 4, sender="李四"))
    assert again is not None
    assert (again.owner_id, again.version) == ("李四", 3)
    history = drafts.history(code)
    assert [(old.version, old.owner_id, old.replaced_at) for old in history] == [
        (1, "张三", START + timedelta(minutes=2)),
        (2, "李四", START + timedelta(minutes=4)),
    ]
    engine.dispose()


def test_a_paused_dialogue_is_kept_by_flow_resumed_and_forgotten(database_url: str) -> None:
    engine = make_engine(database_url)
    migrate(engine)
    dialogues = Repositories.on(engine).dialogues
    key = ("console", "张三", "张三")
    answers = {"answers": {"enterprise_name": "平山县利民建材有限公司"}, "trail": ["enterprise_name"]}
    active = DialogueRecord(
        channel=key[0],
        chat_id=key[1],
        sender_id=key[2],
        flow="self_assessment",
        step="credit_code",
        answers=answers,
        updated_at=START,
    )
    dialogues.save(active)
    dialogues.pause(active)
    assert dialogues.get(*key) is None  # the active slot is free for another flow
    paused = dialogues.paused(*key, "self_assessment")
    assert paused is not None
    assert (paused.step, paused.answers) == ("credit_code", answers)

    resumed = dialogues.resume(paused, START + timedelta(days=3))
    assert dialogues.paused(*key, "self_assessment") is None
    again = dialogues.get(*key)
    assert again is not None
    assert (again.step, again.answers, again.updated_at) == ("credit_code", answers, resumed.updated_at)

    dialogues.pause(again)
    assert dialogues.forget_before(START + timedelta(days=3)) == 0  # last answered at the resume
    assert dialogues.forget_before(START + timedelta(days=3, seconds=1)) == 1
    assert dialogues.paused(*key, "self_assessment") is None
    engine.dispose()
