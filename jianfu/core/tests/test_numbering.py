"""Document numbers (core.numbering): per issuer, kind and year; no gaps, no repeats under load."""

from __future__ import annotations

import threading
import time

import pytest
from django.db import OperationalError, connection, transaction

from jianfu.core.models import DocumentCounter
from jianfu.core.numbering import format_number, next_number

ORDER = "supervision.order"
NOTICE = "supervision.notice"


def _take(issuer, kind=ORDER, year=2026):
    with transaction.atomic():
        return next_number(issuer, kind, year)


@pytest.mark.django_db
def test_numbers_count_from_one_per_issuer_kind_and_year():
    assert [_take("610921") for _ in range(3)] == [1, 2, 3]
    assert _take("610922") == 1  # another issuer
    assert _take("610921", kind=NOTICE) == 1  # another kind
    assert _take("610921", year=2027) == 1  # another year
    assert _take("610921") == 4


@pytest.mark.django_db
def test_an_org_is_accepted_as_the_issuer_by_its_code(world):
    assert _take(world.county_mzj.org) == 1
    assert DocumentCounter.objects.get(kind=ORDER).issuer_code == world.county_mzj.org.code


@pytest.mark.django_db
def test_a_rolled_back_document_gives_its_number_back():
    assert _take("610921") == 1
    with pytest.raises(RuntimeError), transaction.atomic():
        assert next_number("610921", ORDER, 2026) == 2
        raise RuntimeError("the document failed to save")
    assert _take("610921") == 2


@pytest.mark.django_db
def test_unknown_kinds_bad_years_and_calls_outside_a_transaction_are_refused():
    with pytest.raises(ValueError), transaction.atomic():
        next_number("610921", "supervision.ordr", 2026)
    with pytest.raises(ValueError), transaction.atomic():
        next_number("610921", ORDER, 1899)
    with pytest.raises(ValueError), transaction.atomic():
        next_number("县民政局", ORDER, 2026)
    assert not DocumentCounter.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_a_number_taken_outside_a_transaction_is_refused():
    with pytest.raises(RuntimeError, match="inside"):
        next_number("610921", ORDER, 2026)
    assert not DocumentCounter.objects.exists()


def test_the_number_is_formatted_with_hexagonal_brackets():
    assert format_number(2026, 12) == "〔2026〕12号"
    assert format_number(2026, 3, prefix="某民督") == "某民督〔2026〕3号"


@pytest.mark.django_db(transaction=True)
def test_concurrent_issuers_get_every_number_exactly_once():
    """Eight threads take numbers at once (some documents roll back): the committed numbers are
    exactly 1..N — no duplicate, no gap — and the counter ends at N."""
    committed: list[int] = []
    errors: list[BaseException] = []
    barrier = threading.Barrier(8)
    lock = threading.Lock()

    def once(roll_back: bool) -> None:
        # The in-memory SQLite test database reports "table is locked" instead of waiting (its
        # shared cache ignores busy_timeout), so a writer retries there; PostgreSQL waits on the lock.
        for _attempt in range(200):
            try:
                with transaction.atomic():
                    number = next_number("610921", ORDER, 2026)
                    if roll_back:
                        raise _RolledBack
                with lock:
                    committed.append(number)
                return
            except _RolledBack:
                return
            except OperationalError as exc:
                if connection.vendor != "sqlite" or "locked" not in str(exc):
                    raise
                time.sleep(0.01)
        raise AssertionError("gave up waiting for the counter")

    def run(i: int) -> None:
        try:
            barrier.wait()
            for j in range(5):
                once(roll_back=(i + j) % 4 == 0)
        except BaseException as exc:  # pragma: no cover - shown in the assertion
            errors.append(exc)
        finally:
            connection.close()  # this thread's own connection, so the test database can be dropped

    threads = [threading.Thread(target=run, args=(i,)) for i in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    assert len(committed) == 30  # 40 attempts, 10 rolled back
    assert sorted(committed) == list(range(1, 31))
    assert DocumentCounter.objects.get(issuer_code="610921", kind=ORDER, year=2026).last == 30


class _RolledBack(Exception):
    pass
