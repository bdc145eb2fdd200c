"""Drafts, publication, immutability, diff, burden estimate and the review warning."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from jianfu.catalog import selectors
from jianfu.catalog.actions import (
    do_add_item,
    do_delete_item,
    do_discard_draft,
    do_open_draft,
    do_publish_version,
    do_update_item,
)
from jianfu.catalog.forms import ItemForm
from jianfu.catalog.models import ListItem, ListVersion, PublishedVersionError
from jianfu.core.errors import ActionError, Conflict, NotAllowed
from jianfu.core.models import AuditEntry

from .conftest import BASE_ITEMS, assist, publish_items


def test_publishing_numbers_the_version_freezes_it_and_is_audited(world, v1):
    assert v1.number == 1 and v1.is_published and v1.effective_date == dt.date(2025, 3, 1)
    entry = AuditEntry.objects.get(event_type="catalog.version.publish")
    assert entry.actor == world.county_mzj and entry.after["number"] == 1 and entry.after["items"] == 4
    assert entry.region_code == "610921"


def test_a_published_version_cannot_change_through_any_door(world, v1):
    item = v1.items.get(code="LZ-01")
    item.title = "篡改"
    with pytest.raises(PublishedVersionError):
        item.save()
    with pytest.raises(PublishedVersionError):
        item.delete()
    with pytest.raises(PublishedVersionError):
        v1.items.all().update(title="篡改")
    with pytest.raises(PublishedVersionError):
        ListItem.objects.filter(version=v1).delete()
    v1.title = "篡改"
    with pytest.raises(PublishedVersionError):
        v1.save()
    with pytest.raises(PublishedVersionError):
        v1.delete()
    with pytest.raises(ActionError):
        do_update_item(v1.items.get(code="LZ-01"), actor=world.county_mzj, data=ItemForm.initial_for(item))
    with pytest.raises(ActionError):
        do_delete_item(v1.items.get(code="LZ-01"), actor=world.county_mzj)
    assert not ListItem.objects.filter(title="篡改").exists()
    assert ListVersion.objects.get(pk=v1.pk).title != "篡改"


def test_a_new_draft_copies_the_current_version_and_leaves_it_untouched(world, v1):
    draft = do_open_draft(world.county, actor=world.county_mzj)
    assert draft.based_on == v1 and draft.items.count() == 4
    do_delete_item(draft.items.get(code="XZ-01"), actor=world.county_mzj)
    assert v1.items.filter(code="XZ-01").exists()
    v2 = do_publish_version(draft, actor=world.county_mzj, effective_date=dt.date(2026, 1, 1))
    assert v2.number == 2
    assert selectors.current_version(world.county) == v2
    assert v1.items.count() == 4 and v2.items.count() == 3


def test_publishing_twice_or_an_empty_draft_is_refused(world, v1):
    draft = do_open_draft(world.county, actor=world.county_mzj)
    do_publish_version(draft, actor=world.county_mzj, effective_date=dt.date(2026, 1, 1))
    with pytest.raises(Conflict):
        do_publish_version(draft, actor=world.county_mzj, effective_date=dt.date(2026, 2, 1))
    empty = do_open_draft(world.county, actor=world.county_mzj)
    for item in list(empty.items.all()):
        do_delete_item(item, actor=world.county_mzj)
    with pytest.raises(ActionError, match="没有任何事项"):
        do_publish_version(empty, actor=world.county_mzj, effective_date=dt.date(2026, 3, 1))
    with pytest.raises(ActionError, match="生效日期"):
        do_publish_version(empty, actor=world.county_mzj, effective_date=None)
    assert selectors.published_versions(world.county).count() == 2


def test_an_effective_date_before_the_previous_version_is_refused(world, v1):
    draft = do_open_draft(world.county, actor=world.county_mzj)
    with pytest.raises(ActionError, match="不能早于上一版"):
        do_publish_version(draft, actor=world.county_mzj, effective_date=dt.date(2024, 1, 1))


@pytest.mark.parametrize(
    "persona", ["dept_officer", "township_officer", "community_worker", "sysadmin", "leading_group"]
)
def test_only_list_owners_edit_and_publish(world, v1, persona):
    actor = world.users[persona]
    with pytest.raises(NotAllowed):
        do_open_draft(world.county, actor=actor)
    draft = do_open_draft(world.county, actor=world.county_mzj)
    with pytest.raises(NotAllowed):
        do_add_item(world.county, actor=actor, data=assist("XZ-09", "新事项"))
    with pytest.raises(NotAllowed):
        do_update_item(draft.items.first(), actor=actor, data=ItemForm.initial_for(draft.items.first()))
    with pytest.raises(NotAllowed):
        do_delete_item(draft.items.first(), actor=actor)
    with pytest.raises(NotAllowed):
        do_publish_version(draft, actor=actor, effective_date=dt.date(2026, 1, 1))
    with pytest.raises(NotAllowed):
        do_discard_draft(draft, actor=actor)
    assert draft.items.count() == 4 and selectors.published_versions(world.county).count() == 1


def test_a_county_owner_cannot_edit_another_countys_lists(world, v1):
    other = world.other_county_officer
    with pytest.raises(NotAllowed):
        do_open_draft(world.county, actor=other)
    draft = do_open_draft(world.county, actor=world.county_mzj)
    with pytest.raises(NotAllowed):
        do_publish_version(draft, actor=other, effective_date=dt.date(2026, 1, 1))
    with pytest.raises(NotAllowed):
        do_update_item(draft.items.first(), actor=other, data=ItemForm.initial_for(draft.items.first()))
    # ...while editing its own works.
    own = publish_items(world, BASE_ITEMS[:1], owner=world.other_county, actor=other)
    assert own.number == 1 and own.org == world.other_county


def test_both_county_list_owners_may_edit(world, v1):
    draft = do_open_draft(world.county, actor=world.county_zzb)
    item = do_add_item(world.county, actor=world.county_zzb, data=assist("XZ-02", "协助开展禁毒宣传"))
    assert item.version == draft and draft.items.count() == 5


def test_the_diff_pairs_items_by_code_and_lists_changed_fields(world, v1):
    draft = do_open_draft(world.county, actor=world.county_mzj)
    do_delete_item(draft.items.get(code="ZM-01"), actor=world.county_mzj)
    item = draft.items.get(code="XZ-01")
    data = ItemForm.initial_for(item) | {"minutes_per_occurrence": "30", "frequency_unit": "quarter"}
    do_update_item(item, actor=world.county_mzj, data=data)
    do_add_item(
        world.county,
        actor=world.county_mzj,
        data=assist("XZ-02", "协助开展禁毒宣传", department="人力资源和社会保障局"),
    )
    v2 = do_publish_version(draft, actor=world.county_mzj, effective_date=dt.date(2026, 1, 1))

    diff = selectors.diff_versions(v1, v2)
    assert [i.code for i in diff.added] == ["XZ-02"]
    assert [i.code for i in diff.removed] == ["ZM-01"]
    assert [c.code for c in diff.changed] == ["XZ-01"]
    assert diff.changed[0].fields == [("频次单位", "每月", "每季度"), ("每次用时（分钟）", "60", "30")]
    assert diff.unchanged == 2
    back = selectors.diff_versions(v2, v1)
    assert [i.code for i in back.added] == ["ZM-01"] and [i.code for i in back.removed] == ["XZ-02"]
    assert selectors.diff_versions(v1, v1).is_empty


def test_every_item_carries_its_standard_cost_model_estimate(world, v1):
    duty = v1.items.get(code="LZ-01")  # 90 min × 2/month = 36 h a year
    assert duty.hours_per_community == Decimal("36.0")
    totals = selectors.totals_of(v1)
    # world: 3 urban communities + 2 villages in 汉阴县; all items apply to both.
    assert totals.communities["both"] == 5
    assist_hours = Decimal(60 * 12) / 60  # 12 h
    cert_hours = Decimal(15 * 36) / 60  # 9 h
    assert totals.all.hours == Decimal(36) + assist_hours + cert_hours
    assert totals.all.jurisdiction_hours == totals.all.hours * 5
    assert totals.all.items == 4 and totals.all.burden_items == 3  # the negative list carries no burden
    by_cat = {t.label: t for t in totals.by_category}
    assert by_cat["履职事项"].hours == 36 and by_cat["负面清单"].hours == 0
    by_dept = {t.label: t for t in totals.by_department}
    assert by_dept["汉阴县卫生健康局"].hours == 12


def test_the_reduction_between_versions_counts_items_and_hours(world, v1):
    draft = do_open_draft(world.county, actor=world.county_mzj)
    do_delete_item(draft.items.get(code="LZ-01"), actor=world.county_mzj)
    v2 = do_publish_version(draft, actor=world.county_mzj, effective_date=dt.date(2026, 1, 1))
    red = selectors.reduction(v1, v2)
    assert (red.before.burden_items, red.after.burden_items) == (3, 2)
    assert red.items_pct == 33
    assert (red.before.hours, red.after.hours) == (57, 21)
    assert red.hours_pct == 63


def test_the_lists_warn_when_the_full_review_is_due(world, v1):
    assert not selectors.review_status(world.county, today=dt.date(2026, 12, 1)).due
    due = selectors.review_status(world.county, today=dt.date(2027, 3, 1))
    assert due.due and not due.overdue and due.since == dt.date(2025, 3, 1)
    assert selectors.review_status(world.county, today=dt.date(2028, 3, 2)).overdue
    # A version published as the outcome of a full review restarts the clock.
    draft = do_open_draft(world.county, actor=world.county_mzj)
    do_publish_version(draft, actor=world.county_mzj, effective_date=dt.date(2027, 2, 1), full_review=True)
    assert not selectors.review_status(world.county, today=dt.date(2027, 3, 1)).due


def test_items_past_their_review_date_are_counted(world):
    publish_items(world, [BASE_ITEMS[0] | {"review_date": "2025-06-30"}, BASE_ITEMS[1]])
    assert selectors.review_status(world.county, today=dt.date(2025, 7, 1)).items_past_review == 1


def test_item_validation_refuses_markup_and_missing_assist_funding(world):
    with pytest.raises(ActionError) as exc:
        do_add_item(world.county, actor=world.county_mzj, data=assist("XZ-01", "<script>alert(1)</script>"))
    assert exc.value.errors[0]["field"] == "title"
    with pytest.raises(ActionError) as exc:
        do_add_item(
            world.county, actor=world.county_mzj, data=assist("XZ-01", "无经费", funding_amount="", funding_source="")
        )
    assert {e["field"] for e in exc.value.errors} == {"funding_amount", "funding_source"}
    assert not ListItem.objects.exists()


def test_discarding_a_draft_leaves_the_published_versions(world, v1):
    draft = do_open_draft(world.county, actor=world.county_mzj)
    do_discard_draft(draft, actor=world.county_mzj)
    assert selectors.draft_version(world.county) is None
    assert ListVersion.objects.get(pk=v1.pk).items.count() == 4
