"""Every fact model is a ScopedModel; ``.restrict(user)`` and ``get_in_scope_or_404`` apply the one
scoping rule (a region-code range), so another county's rows are invisible and a forged id is 404."""

from __future__ import annotations

import datetime as dt

import pytest
from django.apps import apps
from django.db.models import UniqueConstraint

from jianfu.burden.models import Event
from jianfu.core.errors import NotFound
from jianfu.notify.models import Notification
from jianfu.orgs.choices import OrgKind
from jianfu.orgs.models import Org
from jianfu.orgs.scoping import ScopedModel, get_in_scope_or_404, prefix_q, prefix_range

# Models with a region_code that are not facts of a jurisdiction: the org tree itself (scoped by
# visible_orgs) and the audit log (core sits below orgs, and is read per object or per actor).
NOT_FACTS = {"orgs.Org", "core.AuditEntry"}


def test_every_model_with_a_region_code_is_a_scoped_model():
    region_models = {
        m._meta.label
        for m in apps.get_models()
        if ".tests." not in m.__module__ and any(f.name == "region_code" for f in m._meta.get_fields())
    }
    assert region_models - NOT_FACTS, "no fact models found"
    plain = sorted(m for m in region_models - NOT_FACTS if not issubclass(apps.get_model(m), ScopedModel))
    assert plain == []


def test_scoped_models_keep_the_indexed_twelve_character_region_code():
    for model in apps.get_models():
        if issubclass(model, ScopedModel):
            field = model._meta.get_field("region_code")
            assert field.max_length == 12, model
            # The ledger and its rollups index the code in composite indexes instead, behind at most
            # the rollup's equality-only columns (which dimension, which depth).
            composite = [idx.fields for idx in model._meta.indexes] + [
                c.fields for c in model._meta.constraints if isinstance(c, UniqueConstraint)
            ]
            indexed = field.db_index or any(_leads_with_region(fields) for fields in composite)
            assert indexed, model


def _leads_with_region(fields) -> bool:
    fields = list(fields or [])
    while fields and fields[0] in ("dimension", "depth"):
        if fields[0] == "depth":
            return True
        fields.pop(0)
    return bool(fields) and fields[0] == "region_code"


def _events(world):
    made = {}
    for key, org in (("here", world.chengguan), ("there", world.other_township)):
        made[key] = Event.objects.create(
            region_code=org.region_code,
            kind="meeting",
            convener=org,
            title=f"会议 {key}",
            occurred_on=dt.date(2026, 3, 2),
            minutes=60,
        )
    return made


def test_restrict_keeps_the_users_jurisdiction_and_nothing_of_the_other_county(world):
    made = _events(world)
    assert list(Event.objects.restrict(world.county_mzj)) == [made["here"]]
    assert list(Event.objects.restrict(world.other_county_officer)) == [made["there"]]
    assert list(Event.objects.restrict(world.community_worker)) == []  # 东关社区 is below, not above
    anonymous = type("Anonymous", (), {"is_authenticated": False})()
    assert list(Event.objects.restrict(anonymous)) == []


def test_within_a_prefix_is_the_same_range_as_the_scoping_rule(world):
    made = _events(world)
    assert list(Event.objects.within("610921")) == [made["here"]]
    assert set(Event.objects.within("6109")) == set(made.values())


def test_prefix_range_is_exact_for_digits_and_refuses_what_is_not_a_prefix():
    assert prefix_range("610921") == ("610921", "610922")
    assert prefix_range("6109219") == ("6109219", "6109220")
    assert prefix_range("99") is None  # no two-digit upper bound: falls back to a prefix match
    assert prefix_range("") is None and prefix_range("61x") is None
    assert str(prefix_q("610921")) == str(prefix_q("610921", "region_code"))


def test_get_in_scope_or_404_finds_within_the_jurisdiction(world):
    made = _events(world)
    assert get_in_scope_or_404(Event, world.county_mzj, pk=made["here"].pk) == made["here"]
    assert get_in_scope_or_404(Event.objects.all(), world.township_officer, pk=made["here"].pk) == made["here"]


@pytest.mark.parametrize("forged", ["other county", "missing", "abc", "1.5", None])
def test_get_in_scope_or_404_says_not_found_for_a_forged_or_malformed_id(world, forged):
    made = _events(world)
    pk = {"other county": made["there"].pk, "missing": 999999}.get(forged, forged)
    with pytest.raises(NotFound) as caught:
        get_in_scope_or_404(Event, world.county_mzj, pk=pk, message="未找到该会议。")
    assert caught.value.message == "未找到该会议。"
    assert caught.value.status_code == 404


def test_get_in_scope_or_404_scopes_through_a_relation(world):
    mine = Notification.objects.create(user=world.township_officer, region_code="", title="通知")
    found = get_in_scope_or_404(
        Notification.objects.all(), world.county_mzj, pk=mine.pk, scope_field="user__org__region_code"
    )
    assert found == mine
    with pytest.raises(NotFound):
        get_in_scope_or_404(
            Notification.objects.all(), world.other_county_officer, pk=mine.pk, scope_field="user__org__region_code"
        )


def test_orgs_are_scoped_by_the_same_helper(world):
    assert get_in_scope_or_404(Org, world.sysadmin, code="610921100001") == world.dongguan
    with pytest.raises(NotFound):
        get_in_scope_or_404(Org, world.other_sysadmin, code="610921100001", kind=OrgKind.COMMUNITY)
