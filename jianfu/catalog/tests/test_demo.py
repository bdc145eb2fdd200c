"""The demo lists of 汉阴县 (catalog/demo.py, loaded after the demo org tree)."""

from __future__ import annotations

import datetime as dt

import pytest

from jianfu.catalog import demo as catalog_demo
from jianfu.catalog import selectors
from jianfu.catalog.models import ListItem, ListVersion
from jianfu.core.models import AuditEntry
from jianfu.orgs import demo as orgs_demo
from jianfu.orgs.models import Org

pytestmark = pytest.mark.django_db

NEGATIVE_OF_SEED_004 = ("行政执法", "拆迁拆违", "环境整治", "城市管理", "招商引资")


@pytest.fixture
def loaded(db):
    orgs_demo.load()
    catalog_demo.load()
    county = Org.objects.get(code=catalog_demo.COUNTY)
    v1, v2 = (ListVersion.objects.get(org=county, number=n) for n in (1, 2))
    return county, v1, v2


def test_two_versions_are_published_with_their_effective_dates(loaded):
    county, v1, v2 = loaded
    assert [(v.number, v.status) for v in selectors.published_versions(county)] == [
        (2, "published"),
        (1, "published"),
    ]
    assert v1.effective_date == dt.date(2025, 3, 1) and v2.effective_date == dt.date(2026, 5, 1)
    assert v1.published_at is not None and v2.published_at is not None
    assert "2025 年版" in v1.title and "2026 年版" in v2.title
    assert selectors.current_version(county) == v2
    assert selectors.draft_version(county) is None


def test_version_two_is_slimmer(loaded):
    _county, v1, v2 = loaded
    rows = catalog_demo._v1_items()
    kept = sum(1 for _data, keep in rows if keep)
    added = sum(1 for *_rest, in_v1 in catalog_demo.NEGATIVE if not in_v1)
    # 98 + seed 001's three seal-use items; version 2 keeps two of them and keeps 亲属关系证明 as forbidden.
    assert v1.items.count() == len(rows) == 101
    assert v2.items.count() == kept + added == 53
    assert v2.items.count() < v1.items.count()
    # Items dropped in version 2 are really gone from it, kept ones stay with their codes.
    assert not v2.items.filter(code="JP-03").exists() and v1.items.filter(code="JP-03").exists()
    assert v2.items.filter(code="LZ-01").exists()
    assert v2.items.get(code="LZ-02").minutes_per_occurrence == 180  # V2_CHANGES applied
    assert v1.items.get(code="LZ-02").minutes_per_occurrence == 240


def test_version_one_carries_the_five_negative_items_of_seed_004(loaded):
    _county, v1, v2 = loaded
    negative = list(v1.items.filter(category="negative").values_list("title", flat=True))
    assert len(negative) == 5
    for word in NEGATIVE_OF_SEED_004:
        assert any(word in title for title in negative), word
    assert v2.items.filter(category="negative").count() == 8  # grown in version 2


def test_allowed_certificates_include_residence_and_old_age_allowance(loaded):
    _county, v1, v2 = loaded
    allowed = list(v1.items.filter(category="certificate", cert_kind="allowed").values_list("title", flat=True))
    assert any("居住" in t for t in allowed) and any("高龄津贴" in t for t in allowed)
    forbidden = v1.items.filter(category="certificate", cert_kind="forbidden").values_list("title", flat=True)
    assert any("无犯罪记录" in t for t in forbidden)
    assert not any("无犯罪记录" in t for t in allowed)
    v2_allowed = v2.items.filter(category="certificate", cert_kind="allowed").values_list("title", flat=True)
    assert any("居住" in t for t in v2_allowed) and not any("高龄津贴" in t for t in v2_allowed)


def test_the_reduction_from_version_one_to_two_is_a_cut(loaded):
    _county, v1, v2 = loaded
    cut = selectors.reduction(v1, v2)
    assert cut.after.burden_items < cut.before.burden_items
    assert cut.after.hours < cut.before.hours
    assert cut.items_pct is not None and cut.items_pct > 0
    assert cut.hours_pct is not None and cut.hours_pct > 0
    assert cut.jurisdiction_hours_pct is not None and cut.jurisdiction_hours_pct > 0
    # Negative items and forbidden certificates are no burden: they are not counted.
    assert cut.before.burden_items == 93 and cut.after.burden_items == 41


def test_demo_items_carry_the_provenance_of_their_sources(loaded):
    _county, v1, v2 = loaded
    duty = v2.items.get(code="LZ-01")
    assert duty.statutory and duty.source_level == "national" and duty.issuer == "全国人民代表大会常务委员会"
    seal = v2.items.get(code="YZ-01")
    assert seal.category == "seal" and seal.doc_number == "汉政办发〔2016〕88号"
    assert "安政办发〔2016〕7号" in seal.adopted_from and "超出公章使用范围" in seal.conditions
    plaque = v2.items.get(code="JP-01")
    assert (plaque.plaque_kind, plaque.plaque_position, plaque.plaque_quota) == ("allowed", "outside", 2)
    assert v2.items.get(code="ZM-14").cert_kind == "forbidden" and v1.items.get(code="ZM-14").cert_kind == "allowed"


def test_loading_the_demo_twice_adds_nothing(loaded):
    counts = (ListVersion.objects.count(), ListItem.objects.count(), AuditEntry.objects.count())
    catalog_demo.load()
    assert (ListVersion.objects.count(), ListItem.objects.count(), AuditEntry.objects.count()) == counts


def test_without_the_demo_county_nothing_is_loaded(db):
    catalog_demo.load()
    assert not ListVersion.objects.exists() and not ListItem.objects.exists()
