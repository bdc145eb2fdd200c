"""The demo registry loads, merges look-alikes and pre-fills most of the later forms."""

from __future__ import annotations

import pytest

from jianfu.catalog import demo as catalog_demo
from jianfu.formsreg import demo, numbers
from jianfu.formsreg.models import FormDef, Submission
from jianfu.orgs import demo as orgs_demo

pytestmark = pytest.mark.django_db


def load_demo() -> None:
    """What the forms demo stands on (the county, its accounts, its lists), then the forms demo."""
    orgs_demo.load()
    catalog_demo.load()
    demo.load()


def test_the_demo_shows_the_registry_the_merge_and_the_prefill(settings):
    load_demo()
    forms = FormDef.objects.within("610921")
    assert forms.count() >= 38 and forms.values("owner_org").distinct().count() == 12
    assert forms.filter(state="merged").exists() and forms.filter(state="pending").count() == 2
    n = numbers.numbers("610921", forms.first().year)
    assert n.total.forms_after < n.total.forms_before and n.total.fields_after < n.total.fields_before
    later = list(Submission.objects.order_by("submitted_at", "id"))[1:]
    filled = sum(len(s.offered) for s in later)
    total = sum(len(s.values) for s in later)
    assert later and filled / total >= 0.6
    t = n.total
    print(f"forms {t.forms_before}->{t.forms_after}, indicators {t.fields_before}->{t.fields_after}, "
          f"prefilled after the first form {filled}/{total} = {filled / total:.0%}")  # fmt: skip
    demo.load()  # idempotent
    assert FormDef.objects.within("610921").count() == forms.count()


def test_the_registry_before_and_after_shows_on_the_reduction_report(client):
    from jianfu.orgs.models import User

    load_demo()
    year = FormDef.objects.within("610921").first().year
    client.force_login(User.objects.get(username="mzj"))
    html = client.get(
        "/burden/report/", {"region": "610921", "after_from": f"{year}-01-01", "after_to": f"{year}-12-31"}
    ).content.decode()
    n = numbers.numbers("610921", year)
    assert f"表格报备（{year} 年度）" in html and "报备（合并前）" in html
    assert str(n.total.forms_before) in html and str(n.total.forms_after) in html and "预填比例" in html
