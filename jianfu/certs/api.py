"""API of certificates (mounted at /api/v1/certificates): the public verdict and the register."""

from __future__ import annotations

import datetime as dt
from typing import Any
from urllib.parse import urlencode

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Query, Router, Schema

from jianfu.core.errors import ActionError, NotAllowed
from jianfu.core.pagination import Page, PageQuery, page_of

from . import actions, selectors
from .permissions import can_issue, can_read_register
from .public import owner_of
from .verdict import verdict

PREFIX = "certificates"
router = Router(tags=["证明事项"])


class VerdictQuery(Schema):
    region: str
    q: str


class MatchOut(Schema):
    code: str
    title: str
    score: float


class VerdictOut(Schema):
    kind: str
    label: str
    query: str
    may_issue: bool
    item_code: str | None
    item_title: str | None
    basis: str
    rule: str
    checker: str
    replacement: str
    advice: str
    template_code: str | None
    template_url: str | None
    report_url: str
    matches: list[MatchOut]


class CertificateIn(Schema):
    item_code: str
    resident_name: str
    id_number: str
    purpose: str
    agency: str = ""
    agency_org: str = ""
    seal: str = "committee"
    issued_on: str = ""


class CertificateOut(Schema):
    id: int
    doc_no: str
    community: str
    item_code: str
    item_title: str
    resident_name: str
    id_number: str
    purpose: str
    agency: str
    seal: str
    issued_on: dt.date


class RefusalIn(Schema):
    request: str
    rule: str = ""
    agency: str = ""
    agency_org: str = ""


class RefusalOut(Schema):
    id: int
    doc_no: str
    request: str
    rule: str
    rule_label: str


@router.get("/verdict", response=VerdictOut, auth=None, summary="某项证明社区能否出具（公开）")
def verdict_api(request: HttpRequest, params: Query[VerdictQuery]) -> Any:
    text = params.q.strip()
    if not text or len(text) > 200:
        raise ActionError(_("请填写要开的证明（200 字以内）。"), field="q")
    county = owner_of(params.region.strip())
    found = verdict(county, text).as_dict()
    base = f"/public/certificates/{county.code}/"
    found["template_url"] = f"{base}templates/{found['template_code']}/" if found["template_code"] else None
    found["report_url"] = f"{base}?{urlencode({'q': text})}#report"
    return found


def _cert_out(cert: Any, person: tuple[str, str] | None = None) -> dict[str, Any]:
    """A register entry: the resident masked, or ``person`` as an audited reveal returned it."""
    name, number = person or selectors.masked_person(cert)
    return {
        **{
            f: getattr(cert, f)
            for f in ("id", "doc_no", "item_code", "item_title", "purpose", "agency", "seal", "issued_on")
        },
        "community": cert.community.name,
        "resident_name": name,
        "id_number": number,
    }


@router.get("/register", response=Page[CertificateOut], summary="证明出具登记（居民信息脱敏；分页）")
def register_list(request: HttpRequest, paging: Query[PageQuery]) -> Any:
    if not can_read_register(request.user):
        raise NotAllowed(_("您没有查看证明登记的权限。"))
    return page_of(request, selectors.certificates_for(request.user), paging, _cert_out)
@router.post(
    "/register/{cert_id}/reveal",
    response=CertificateOut,
    summary="显示完整信息：居民完整姓名与身份证号码（出具证明的社区，记入审计）",
)
def register_reveal(request: HttpRequest, cert_id: int) -> Any:
    if not can_read_register(request.user):
        raise NotAllowed(_("您没有查看证明登记的权限。"))
    cert = selectors.get_certificate(request.user, cert_id)
    return _cert_out(cert, actions.do_reveal_residents([cert], actor=request.user)[0])


@router.post("/register", response={201: CertificateOut}, summary="出具证明（社区）")
def register_issue(request: HttpRequest, payload: CertificateIn) -> Any:
    if not can_issue(request.user):
        raise NotAllowed(_("只有社区（村）工作人员可以登记。"))
    user: Any = request.user
    cert = actions.do_issue_certificate(user.org, actor=user, data=payload.dict())
    return 201, _cert_out(cert)


@router.post("/refusals", response={201: RefusalOut}, summary="登记不予出具（社区）")
def refusal_record(request: HttpRequest, payload: RefusalIn) -> Any:
    if not can_issue(request.user):
        raise NotAllowed(_("只有社区（村）工作人员可以登记。"))
    user: Any = request.user
    data = payload.dict()
    if not data["rule"] and data["request"].strip():
        found = verdict(selectors.list_owner_org(user.org) or user.org, data["request"])
        data["rule"], data["item_code"] = found.refusal_rule, found.item.code if found.item else ""
    refusal = actions.do_record_refusal(user.org, actor=user, data=data)
    return 201, {
        "id": refusal.pk,
        "doc_no": refusal.doc_no,
        "request": refusal.request,
        "rule": refusal.rule,
        "rule_label": refusal.get_rule_display(),
    }
