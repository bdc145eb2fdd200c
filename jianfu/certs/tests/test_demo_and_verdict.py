"""The demo register of 汉阴县, and the verdict for every certificate of the demo lists and for
everyday paraphrases (page and API agree)."""

from __future__ import annotations

import pytest

from jianfu.catalog import demo as catalog_demo
from jianfu.catalog.selectors import current_items
from jianfu.certs import demo as certs_demo
from jianfu.certs.models import Certificate, Commitment, Refusal, SealUse
from jianfu.certs.verdict import verdict
from jianfu.orgs import demo as orgs_demo
from jianfu.orgs.models import Org

pytestmark = pytest.mark.django_db

PARAPHRASES = [
    ("开个无犯罪证明", "forbidden", "ZJ-01"),
    ("派出所让我去社区开无犯罪记录的证明", "forbidden", "ZJ-01"),
    ("单位要我开母子关系证明", "forbidden", "ZM-14"),  # 汉阴县's 2026 list moved 亲属关系 to 不得出具
    ("开一个居住证明，孩子上学用", "issue", "ZM-01"),
    ("房屋产权", "forbidden", "ZJ-02"),
    ("证明我家狗不咬人", "unlisted", None),
]
# Everyday phrasings, read through the shared matcher's lexicon (jianfu/matching/defaults.py:
# relations as residents say them, ownership, debts) — never a second matcher here, or the gate
# would disagree.
GAPS = [
    ("证明我和我妈是母子", "forbidden", "ZM-14"),
    ("证明这套房子是我的", "forbidden", "ZJ-02"),
    ("证明我没有欠别人钱", "forbidden", "ZJ-03"),
    ("银行要社区证明我们俩是夫妻", "forbidden", "ZM-14"),
    ("开个证明说我家没有欠款", "forbidden", "ZJ-03"),
    ("证明这套房屋归属我父亲", "forbidden", "ZJ-02"),
]


@pytest.fixture
def county(db):
    orgs_demo.load()
    catalog_demo.load()
    certs_demo.load()
    return Org.objects.get(code=certs_demo.COUNTY)


def test_the_demo_fills_two_registers_and_is_idempotent(county):
    assert Certificate.objects.count() == 48 and Refusal.objects.count() == 4
    assert (
        SealUse.objects.filter(in_scope=False).count() == 2 and Commitment.objects.filter(state="verified").count() == 2
    )
    certs_demo.load()
    assert Certificate.objects.count() == 48


def test_every_certificate_of_the_current_demo_lists_gets_its_own_verdict(county):
    for item in current_items(county, category="certificate"):
        found = verdict(county, item.title)
        assert found.item is not None and found.item.code == item.code, item.title
        assert found.kind == ("issue" if item.cert_kind == "allowed" else "forbidden")


@pytest.mark.parametrize(("text", "kind", "code"), PARAPHRASES)
def test_paraphrases_get_the_verdict_of_the_certificate_they_mean(county, text, kind, code):
    found = verdict(county, text)
    assert found.kind == kind and (found.item.code if found.item else None) == code


@pytest.mark.parametrize(("text", "kind", "code"), GAPS)
def test_free_phrasings_are_read_through_the_shared_lexicon(county, text, kind, code):
    found = verdict(county, text)
    assert found.kind == kind and (found.item.code if found.item else None) == code


def test_the_verdict_is_the_gates_certificate_verdict(county):
    from jianfu.dispatch import gate

    for text in ("开个无犯罪证明", "开一个居住证明", "单位要我开母子关系证明"):
        result = gate.check(county, title=text, owner=county)
        found = verdict(county, text)
        assert found.item == result.list_item and (found.kind == "forbidden") == (
            result.certificate_kind == "forbidden"
        )


def test_the_page_and_the_api_give_the_same_verdict(county, client):
    for text, kind, code in PARAPHRASES:
        api = client.get("/api/v1/certificates/verdict", {"region": "610921100001", "q": text}).json()
        assert api["kind"] == kind and api["item_code"] == code
        html = client.get(f"/public/certificates/{county.code}/", {"q": text}).content.decode()
        assert api["label"] in html
    forbidden = client.get("/api/v1/certificates/verdict", {"region": county.code, "q": "开个无犯罪证明"}).json()
    assert "公安机关" in forbidden["checker"] and forbidden["report_url"].startswith("/public/certificates/610921/")


def test_a_forbidden_demand_reported_from_the_verdict_page_opens_a_case_with_the_verdict(county, client):
    from jianfu.supervision.models import Case

    dept = Org.objects.get(name="汉阴县人力资源和社会保障局")
    before = Case.objects.count()
    response = client.post(
        f"/public/certificates/{county.code}/?q=开个无犯罪证明", {"q": "开个无犯罪证明", "agency_org": dept.pk}
    )
    assert response.status_code == 200 and "查询码" in response.content.decode()
    case = Case.objects.latest("pk")
    assert Case.objects.count() == before + 1 and case.department == dept and case.source == "public_report"
    assert "不得要求社区出具" in case.description


def test_bad_verdict_input_gets_a_chinese_4xx(county, client):
    assert client.get("/api/v1/certificates/verdict", {"region": county.code, "q": ""}).status_code == 400
    missing = client.get("/api/v1/certificates/verdict", {"region": "999999", "q": "居住证明"})
    assert missing.status_code == 404 and "未找到" in missing.json()["detail"]
    assert client.get("/public/certificates/abc/").status_code == 404
