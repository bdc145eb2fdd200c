"""The draft review pages: submit, the report with flagged clauses highlighted, the reviewer's
decision, Excel of findings and the PDF 审核意见书 read back; the other county sees nothing."""

from __future__ import annotations

import io
import re
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from jianfu.drafts import actions
from jianfu.drafts.models import Draft, Opinion
from jianfu.testing import assert_official_document, pdf_facts

from . import samples
from .helpers import TITLE, future, submit

pytestmark = pytest.mark.django_db


def test_a_department_submits_a_word_draft_on_the_page_and_lands_on_its_report(world: Any, client_for: Any) -> None:
    client = client_for("dept_officer")
    r = client.post(
        "/drafts/new/",
        {"title": TITLE, "affairs": "government", "issue_date": future(),
         "file": SimpleUploadedFile("通知.docx", samples.docx_bytes())},
    )  # fmt: skip
    draft = Draft.objects.get()
    assert r.status_code == 302 and r["Location"] == f"/drafts/{draft.pk}/"
    page = client.get(r["Location"]).content.decode()
    assert page.count("<mark ") == 2 and 'href="#f-1"' in page and 'id="f-2"' in page
    assert "未准入" in page and "申请准入" in page
    assert "审核通过后方可登记印发" in page and "出具审核意见书" not in page


def test_the_report_highlights_exactly_the_flagged_clause_and_escapes_the_text(world: Any, client_for: Any) -> None:
    draft = submit(world, text=samples.NOTICE + "<script>alert(1)</script>各社区须每周报送巡查台账。")
    page = client_for("county_mzj").get(f"/drafts/{draft.pk}/").content.decode()
    marked = re.findall(r"<mark [^>]*>(.*?)</mark>", page, flags=re.S)
    assert any("各村（居）委会须在12月3日" in m for m in marked)
    assert "<script>alert(1)</script>" not in page and "&lt;script&gt;" in page
    assert "出具审核意见书" in page  # 民政局 reviews government affairs


def test_the_reviewer_returns_a_draft_on_the_page_and_the_opinion_pdf_carries_its_number(
    world: Any, client_for: Any, cjk_font: Any
) -> None:
    draft = submit(world)
    client = client_for("county_mzj")
    r = client.post(
        f"/drafts/{draft.pk}/review/", {"decision": "return", "opinion": "第3条未入清单，请删除后重新报审。"}
    )
    assert r.status_code == 302
    draft.refresh_from_db()
    opinion = Opinion.objects.get()
    assert draft.state == "returned"
    pdf = client_for("dept_officer").get(f"/drafts/{draft.pk}/opinions/{opinion.pk}/pdf/")
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    text, fonts = pdf_facts(pdf.content)
    flat = re.sub(r"\s+", "", text)
    assert "审核意见书" in flat and opinion.number_label in flat and "退回修改" in flat
    assert "各村（居）委会须在12月3日" in flat and "汉阴县民政局" in flat
    assert fonts, "the CJK font is embedded"
    day = timezone.localdate(opinion.created_at)
    assert_official_document(
        pdf.content, mark="汉阴县民政局文件", doc_no=opinion.number_label, title=f"关于《{draft.title}》的审核意见书",
        recipients=draft.org.name, date=f"{day.year}年{day.month}月{day.day}日",
    )  # fmt: skip


def test_a_refused_pass_on_the_page_shows_why_and_changes_nothing(world: Any, client_for: Any) -> None:
    draft = submit(world)
    client = client_for("county_mzj")
    r = client.post(f"/drafts/{draft.pk}/review/", {"decision": "pass"}, follow=True)
    assert "仍有 1 条" in r.content.decode()
    assert Draft.objects.get(pk=draft.pk).state == "submitted" and not Opinion.objects.exists()


def test_the_findings_excel_reads_back_with_one_row_per_flagged_clause(world: Any, client_for: Any) -> None:
    from openpyxl import load_workbook

    draft = submit(world, text=samples.NOTICE + "各社区须每周五前报送巡查台账。")
    r = client_for("dept_officer").get(f"/drafts/{draft.pk}/findings.xlsx")
    assert r.status_code == 200
    rows = list(load_workbook(io.BytesIO(r.content)).active.iter_rows(values_only=True))
    assert TITLE in rows[0][0] and rows[2][0] == "序号"
    body = rows[3:]
    assert len(body) == draft.flagged_count == 2
    assert "各村（居）委会须在12月3日" in body[0][1] and body[0][4] == "未准入"
    assert body[1][8] == "每周" and body[1][9] == 52  # frequency and occurrences a year


def test_the_department_issues_a_passed_draft_on_the_page(world: Any, client_for: Any) -> None:
    draft = submit(world)
    actions.do_review_draft(draft, actor=world.county_mzj, decision="pass_conditions", conditions="删除第3条")
    client = client_for("dept_officer")
    assert "登记印发" in client.get(f"/drafts/{draft.pk}/").content.decode()
    r = client.post(f"/drafts/{draft.pk}/act/issue/", {"issued_on": future(2), "doc_number": "汉卫发〔2026〕9号"})
    assert r.status_code == 302
    draft.refresh_from_db()
    assert draft.state == "issued" and draft.doc_number == "汉卫发〔2026〕9号"


def test_issuing_an_unreviewed_draft_on_the_page_is_refused_with_a_message(world: Any, client_for: Any) -> None:
    draft = submit(world)
    r = client_for("dept_officer").post(f"/drafts/{draft.pk}/act/issue/", {}, follow=True)
    assert "未经审核通过" in r.content.decode()
    assert Draft.objects.get(pk=draft.pk).state == "submitted"


def test_the_other_county_sees_no_draft_in_lists_pages_or_the_api(
    world: Any, client_for: Any, api_client_for: Any
) -> None:
    draft = submit(world)
    other = client_for("other_county_officer")
    assert TITLE not in other.get("/drafts/").content.decode()
    assert other.get(f"/drafts/{draft.pk}/").status_code == 404
    assert other.get(f"/drafts/{draft.pk}/findings.xlsx").status_code == 404
    assert other.post(f"/drafts/{draft.pk}/review/", {"decision": "return", "opinion": "x"}).status_code == 404
    api = api_client_for("other_dept_officer")
    assert api.get("/api/v1/drafts").json()["items"] == []
    assert api.get(f"/api/v1/drafts/{draft.pk}").status_code == 404
    assert Draft.objects.get(pk=draft.pk).state == "submitted"


def test_another_department_of_the_same_county_does_not_see_the_draft(world: Any, client_for: Any) -> None:
    draft = submit(world)
    client = client_for("dept_officer2")
    assert TITLE not in client.get("/drafts/").content.decode()
    assert client.get(f"/drafts/{draft.pk}/").status_code == 404


def test_the_reviewer_sees_the_draft_waiting_on_the_home_page_and_the_department_its_state(
    world: Any, client_for: Any
) -> None:
    submit(world)
    assert "待审核的发文" in client_for("county_mzj").get("/").content.decode()
    home = client_for("dept_officer").get("/").content.decode()
    assert "发文审核" in home and TITLE in home
    assert "待审核的发文" not in client_for("community_worker").get("/").content.decode()


def test_the_api_walks_a_draft_from_submission_to_issue(world: Any, api_client_for: Any) -> None:
    dept, mzj = api_client_for("dept_officer"), api_client_for("county_mzj")
    body = {"title": TITLE, "affairs": "government", "issue_date": future(), "text": samples.NOTICE}
    r = dept.post("/api/v1/drafts", body, content_type="application/json")
    assert r.status_code == 201 and r.json()["flagged_count"] == 1
    pk, clause = r.json()["id"], r.json()["clauses"][0]
    assert clause["verdict"] == "unlisted" and r.json()["text"][clause["start"] : clause["end"]] == clause["text"]
    r = mzj.post(f"/api/v1/drafts/{pk}/decision", {"decision": "pass", "dismissed": [clause["id"]], "note": "误报"},
                 content_type="application/json")  # fmt: skip
    assert r.status_code == 200 and r.json()["state"] == "passed" and r.json()["opinions"][0]["number"]
    r = dept.post(f"/api/v1/drafts/{pk}/issue", {"doc_number": "汉卫发〔2026〕2号"}, content_type="application/json")
    assert r.status_code == 200 and r.json()["state"] == "issued"
