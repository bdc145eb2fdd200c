"""The gate's index is built when a version is published (and when the lexicon changes), and a
process that has not got it in memory loads that snapshot instead of building it on a check."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from jianfu.admission.tests.lists import publish_lists
from jianfu.catalog.actions import do_open_draft, do_publish_version
from jianfu.catalog.selectors import current_version
from jianfu.dispatch import gate
from jianfu.matching import actions, index
from jianfu.matching.models import IndexSnapshot

pytestmark = pytest.mark.django_db


def _item_reads(captured: CaptureQueriesContext) -> list[str]:
    """Reads of a whole version's items (what building the index takes), not the one item a
    verdict names."""
    return [
        q["sql"] for q in captured.captured_queries if 'FROM "catalog_listitem"' in q["sql"] and "LIMIT" not in q["sql"]
    ]


def test_publishing_builds_the_index_and_a_cold_process_loads_it_without_reading_the_items(
    world, django_capture_on_commit_callbacks
):
    publish_lists(world)
    draft = do_open_draft(world.county, actor=world.county_mzj)
    with django_capture_on_commit_callbacks(execute=True):
        version = do_publish_version(draft, actor=world.county_mzj, effective_date=timezone.localdate())
    assert version == current_version(world.county) and IndexSnapshot.objects.filter(version=version).count() == 1
    index.clear_cache()  # as a new server process
    with CaptureQueriesContext(connection) as captured:
        result = gate.check(world.dongguan, title="各村负责辖区违章建筑拆除")
    assert result.verdict == "negative"
    assert not _item_reads(captured), "the index was built on the check instead of loaded"


def test_a_lexicon_change_rebuilds_the_snapshot_under_the_new_lexicon(world, django_capture_on_commit_callbacks):
    publish_lists(world)
    version = current_version(world.county)
    gate.check(world.dongguan, title="各村负责辖区违章建筑拆除")  # built on a check: no snapshot yet
    old_key = IndexSnapshot.objects.get(version=version).key
    with django_capture_on_commit_callbacks(execute=True):
        actions.do_save_group(
            actor=world.county_mzj, county=world.county, data={"term": "医保", "aliases": "惠民保、参保缴费"}
        )
    snapshot = IndexSnapshot.objects.get(version=version)
    assert snapshot.key != old_key
    index.clear_cache()
    with CaptureQueriesContext(connection) as captured:
        result = gate.check(world.dongguan, title="惠民保宣传", description="宣传动员居民参加惠民保。")
    assert result.verdict == "listed" and not _item_reads(captured)


def _snapshot_reads(captured: CaptureQueriesContext) -> list[str]:
    return [q["sql"] for q in captured.captured_queries if "matching_indexsnapshot" in q["sql"]]


def test_a_warm_process_answers_the_first_check_after_a_publish_from_memory(world, django_capture_on_commit_callbacks):
    """What a server process's warmer thread does: at start it loads every current version's
    snapshot; after a publication in any process, its next pass loads the new one. The user's
    first check then reads no snapshot and builds nothing."""
    index.prebuild(publish_lists(world))  # what the publish hook runs (publish_lists bypasses it)
    index.clear_cache()  # a server process starting
    since = index.warm()
    with CaptureQueriesContext(connection) as captured:
        assert gate.check(world.dongguan, title="各村负责辖区违章建筑拆除").verdict == "negative"
    assert not _snapshot_reads(captured) and not _item_reads(captured)

    draft = do_open_draft(world.county, actor=world.county_mzj)
    with django_capture_on_commit_callbacks(execute=True):
        version = do_publish_version(draft, actor=world.county_mzj, effective_date=timezone.localdate())
    index.clear_cache()  # the publication ran in another process: this one holds nothing new
    assert index.warm(since) >= since
    with CaptureQueriesContext(connection) as captured:
        result = gate.check(world.dongguan, title="各村负责辖区违章建筑拆除")
    assert result.verdict == "negative" and current_version(world.county) == version
    assert not _snapshot_reads(captured) and not _item_reads(captured)


def test_a_snapshot_of_an_older_format_is_rebuilt_once(world):
    publish_lists(world)
    version = current_version(world.county)
    gate.check(world.dongguan, title="各村负责辖区违章建筑拆除")
    snapshot = IndexSnapshot.objects.get(version=version)
    assert snapshot.key.startswith(index.SNAPSHOT_FORMAT + ":")
    IndexSnapshot.objects.filter(pk=snapshot.pk).update(key=snapshot.key.replace(index.SNAPSHOT_FORMAT, "v1", 1))
    index.clear_cache()
    assert gate.check(world.dongguan, title="各村负责辖区违章建筑拆除").verdict == "negative"
    assert [s.key for s in IndexSnapshot.objects.filter(version=version)] == [snapshot.key]
