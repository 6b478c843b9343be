"""The workspace's exactly-once rows on SQLite and PostgreSQL: a sign-in link used once, a failed push
claimed again by one resend, however many ask at once."""

from __future__ import annotations

from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta

import pytest

from storage.db import make_engine, migrate
from storage.models import StaffLinkRecord
from storage.repos import Repositories
from tests.harness import START


@pytest.fixture
def repos(database_url: str) -> Iterator[Repositories]:
    engine = make_engine(database_url)
    migrate(engine)
    yield Repositories.on(engine)
    engine.dispose()


def link(token_hash: str) -> StaffLinkRecord:
    return StaffLinkRecord(
        token_hash=token_hash,
        staff_id="wangke",
        staff_name="王科长",
        target="/staff/",
        created_at=START,
        expires_at=START + timedelta(minutes=10),
    )


def test_a_link_is_redeemed_once_under_concurrency(repos: Repositories) -> None:
    repos.staff_links.add(link("a" * 64))
    with ThreadPoolExecutor(max_workers=8) as pool:
        redeemed = list(pool.map(lambda _i: repos.staff_links.redeem("a" * 64, START), range(16)))
    assert [r.staff_id for r in redeemed if r is not None] == ["wangke"]


def test_a_link_expires_and_expired_links_are_forgotten(repos: Repositories) -> None:
    repos.staff_links.add(link("b" * 64))
    assert repos.staff_links.redeem("b" * 64, START + timedelta(minutes=10)) is None
    assert repos.staff_links.redeem("unknown", START) is None
    assert repos.staff_links.forget_before(START + timedelta(minutes=11)) == 1


def test_a_failed_push_is_claimed_again_by_one_resend(repos: Repositories) -> None:
    deliveries = repos.deliveries
    assert deliveries.claim("broadcast:1", "console", "平山县二群", "广播#1", START)
    deliveries.finish("broadcast:1", "console", "平山县二群", False, 1, "群机器人拒收", START)
    (row,) = deliveries.for_key("broadcast:1")
    assert row.id is not None
    later = START + timedelta(minutes=5)
    with ThreadPoolExecutor(max_workers=8) as pool:
        claims = list(pool.map(lambda _i: deliveries.reclaim_failed(row.id or 0, later), range(16)))
    assert [c.status for c in claims if c is not None] == ["sending"]
    deliveries.finish("broadcast:1", "console", "平山县二群", True, 1, None, later)
    assert deliveries.reclaim_failed(row.id, later) is None  # sent now: nothing to resend
    assert [(r.status, r.error) for r in deliveries.recent(10)] == [("sent", None)]
