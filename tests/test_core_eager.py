"""run_eagerly: a turn taken in its caller's task finishes there when its handlers never wait, and otherwise
carries on in a task of its own exactly as if it had been one from the start (its context, its outcome,
its cancellation)."""

from __future__ import annotations

import asyncio
from contextvars import ContextVar

import pytest

from bot.runtime import run_eagerly

seen: ContextVar[str] = ContextVar("seen", default="outside")


async def never_waits() -> str:
    token = seen.set("inside")
    try:
        return seen.get()
    finally:
        seen.reset(token)


async def waits_on(gate: asyncio.Event, steps: list[str]) -> str:
    token = seen.set("inside")  # reset after the wait: in the same context, or it raises
    try:
        steps.append("before")
        await gate.wait()
        await asyncio.sleep(0)  # a bare yield, too
        steps.append("after")
        return seen.get()
    finally:
        seen.reset(token)
        steps.append("finally")


async def test_work_that_never_waits_is_done_in_the_callers_task() -> None:
    assert run_eagerly(never_waits()) == "inside"
    assert seen.get() == "outside"  # its context was its own


async def test_work_that_waits_carries_on_in_a_task_with_its_own_context() -> None:
    gate, steps = asyncio.Event(), list[str]()
    task = run_eagerly(waits_on(gate, steps))
    assert isinstance(task, asyncio.Task)
    assert steps == ["before"]  # it ran at once, up to its wait
    assert seen.get() == "outside"
    gate.set()
    assert await task == "inside"
    assert steps == ["before", "after", "finally"]


async def test_failures_and_cancellation_reach_the_work() -> None:
    async def fails(gate: asyncio.Event) -> None:
        await gate.wait()
        raise ValueError("boom")

    gate = asyncio.Event()
    failing = run_eagerly(fails(gate))
    assert isinstance(failing, asyncio.Task)
    gate.set()
    with pytest.raises(ValueError, match="boom"):
        await failing

    for first_step in (True, False):  # cancelled while it waits inside its task, or before the task began
        steps: list[str] = []
        waiting = run_eagerly(waits_on(asyncio.Event(), steps))
        assert isinstance(waiting, asyncio.Task)
        if first_step:
            await asyncio.sleep(0)
        waiting.cancel()
        with pytest.raises(asyncio.CancelledError):
            await waiting
        await asyncio.sleep(0)  # the task's done callbacks
        assert steps == ["before", "finally"]  # stopped at its wait, in its own context
