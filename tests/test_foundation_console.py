"""The JSON-lines console as a subprocess: the public contract."""

from __future__ import annotations

from pathlib import Path

from tests.harness import run_jsonl


def test_two_users_in_two_chats_interleaved(tmp_path: Path) -> None:
    out = run_jsonl(
        [
            {"chat": "平山县企业群", "user": "张三", "text": "/帮助"},
            {"chat": "鹿泉区企业群", "user": "李四", "text": "/帮助", "role": "staff"},
            "{this is not json",
            {"chat": "平山县企业群", "user": "张三", "text": "你能做什么", "name": "张经理"},
            {"chat": "平山县企业群", "user": "王五"},
            {"chat": "鹿泉区企业群", "user": "李四", "text": "帮助", "role": "staff"},
        ],
        f"sqlite:///{tmp_path}/bot.db",
    )
    assert set(out[2]) == {"error"}
    assert "第3行" in str(out[2]["error"])
    assert set(out[4]) == {"error"}
    assert "text" in str(out[4]["error"])
    replies = [o for o in out if "error" not in o]
    assert [(o["chat"], o["to"]) for o in replies] == [
        ("平山县企业群", "张三"),
        ("鹿泉区企业群", "李四"),
        ("平山县企业群", "张三"),
        ("鹿泉区企业群", "李四"),
    ]
    assert all(set(o) == {"chat", "to", "text"} for o in replies)
    staff = [o for o in replies if o["to"] == "李四"]
    enterprise = [o for o in replies if o["to"] == "张三"]
    assert all("/绑定" in str(o["text"]) for o in staff)
    assert all("/绑定" not in str(o["text"]) for o in enterprise)


def test_private_chat_has_no_addressee(tmp_path: Path) -> None:
    out = run_jsonl([{"chat": "张三", "user": "张三", "text": "/帮助"}], f"sqlite:///{tmp_path}/bot.db")
    assert out[0]["chat"] == "张三"
    assert out[0]["to"] is None


def test_default_database_is_created_under_data(tmp_path: Path) -> None:
    import os
    import subprocess
    import sys

    from tests.harness import ROOT

    env = {k: v for k, v in os.environ.items() if k != "BOT_DATABASE_URL"}
    done = subprocess.run(
        [sys.executable, "-m", "bot", "console", "--jsonl", "--now", "2020-07-15T09:00"],
        input='{"chat":"g","user":"u","text":"/帮助"}\n',
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env={**env, "PYTHONPATH": str(ROOT)},
        timeout=60,
        check=True,
    )
    assert '"to": "u"' in done.stdout
    assert (tmp_path / "data" / "bot.db").exists()


def test_bad_configuration_is_reported_in_chinese_without_traceback(tmp_path: Path) -> None:
    import os
    import subprocess
    import sys

    from tests.harness import ROOT

    for variable, value in (("BOT_STAFF", "not json"), ("BOT_WECOM_BOT_AES_KEY", "short")):
        done = subprocess.run(
            [sys.executable, "-m", "bot", "console", "--jsonl"],
            input="",
            capture_output=True,
            text=True,
            cwd=ROOT,
            env={**os.environ, variable: value, "BOT_DATABASE_URL": f"sqlite:///{tmp_path}/bot.db"},
            timeout=60,
            check=False,
        )
        assert done.returncode == 2
        assert "配置有问题" in done.stderr
        assert "Traceback" not in done.stderr
