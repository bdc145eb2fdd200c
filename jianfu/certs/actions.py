"""Writes of the certificate register, the seal log and 告知承诺 (each audited, none with a
resident's name or ID number in its audit entry)."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from jianfu.burden.actions import do_record_entry
from jianfu.core import audit
from jianfu.core.errors import ActionError, Conflict, NotAllowed, NotFound
from jianfu.core.numbering import format_number, next_number
from jianfu.core.reveal import do_reveal
from jianfu.orgs.models import Org
from jianfu.supervision.actions import do_open_case
from jianfu.supervision.choices import CaseSource

from . import crypto, selectors, validation
from .choices import CommitmentState, RefusalRule, SealKind
from .models import Certificate, Commitment, CommitmentTemplate, Refusal, SealUse
from .permissions import can_edit_templates, can_issue, can_verify

CERT_FIELDS = ["doc_no", "item_code", "purpose", "agency", "seal", "issued_on"]


def _own_community(actor: Any, community: Org) -> None:
    if not can_issue(actor):
        raise NotAllowed(_("只有社区（村）工作人员可以登记。"))
    if actor.org_id != community.pk:
        raise NotFound(_("未找到该社区，或不在您的辖区内。"))


def _agency_org(community: Org, value: Any) -> Org | None:
    """A department of the community's county, by pk or code; None when blank; 404-free error."""
    if value in (None, ""):
        return None
    if isinstance(value, Org):
        value = value.pk
    found = selectors.agencies(community).filter(pk=value).first() if str(value).isdigit() else None
    found = found or selectors.agencies(community).filter(code=str(value)).first()
    if found is None:
        raise ActionError(_("所选单位不是本县（区）的部门。"), field="agency_org")
    return found


def _number(community: Org, kind: str, year: int, prefix: str) -> tuple[int, str]:
    n = next_number(community, kind, year)
    return n, format_number(year, n, prefix=prefix)


def _seal(value: Any) -> str:
    if value not in SealKind.values:
        raise ActionError(_("请选择所用印章。"), field="seal")
    return str(value)


@transaction.atomic
def do_issue_certificate(community: Org, *, actor: Any, data: dict[str, Any]) -> Certificate:
    """Issue a listed certificate (出具证明): numbered per community and year, the resident stored
    encrypted, the seal use logged, and one certificate entry in the burden ledger (minutes per
    certificate from the list, attributed to the requesting department when it is one)."""
    _own_community(actor, community)
    code = str(data.get("item_code") or "").strip()
    item = selectors.allowed_certificates(community).filter(code=code).first()
    if item is None:
        if selectors.forbidden_certificates(community).filter(code=code).exists():
            raise ActionError(_("该证明属于不得要求社区出具的证明，请登记“不予出具”。"), field="item_code")
        raise ActionError(_("请选择本县证明事项清单中可出具的证明。"), field="item_code")
    name, number = validation.resident(data.get("resident_name"), data.get("id_number"))
    purpose = validation.short_text(data.get("purpose"), "purpose", "用途", 200)
    agency_org = _agency_org(community, data.get("agency_org"))
    agency = validation.short_text(data.get("agency"), "agency", "要求出具的单位", 100, required=agency_org is None)
    agency = agency or (agency_org.name if agency_org else "")
    seal = _seal(data.get("seal") or SealKind.COMMITTEE)
    issued_on = validation.day(data.get("issued_on"), "issued_on", "出具日期")
    n, doc_no = _number(community, "certs.certificate", issued_on.year, f"{community.name}证")
    cert = Certificate.objects.create(
        region_code=community.region_code,
        community=community,
        list_item=item,
        item_code=item.code,
        item_title=item.title,
        resident_name_enc=crypto.encrypt(name),
        resident_id_enc=crypto.encrypt(number),
        purpose=purpose,
        agency=agency,
        seal=seal,
        issued_on=issued_on,
        issued_by=actor,
        year=issued_on.year,
        number=n,
        doc_no=doc_no,
    )
    audit.record(actor, "certs.certificate.issue", cert, after=audit.snapshot(cert, CERT_FIELDS))
    scope_item = selectors.seal_scope(community).filter(title__contains="证明").first()
    _log_seal(
        community,
        actor=actor,
        seal=seal,
        what=f"出具{item.title}（{doc_no}）",
        for_whom=agency,
        scope_item=scope_item,
        in_scope=True,  # a listed certificate is always within the seal's use
        certificate=cert,
        agency_org=agency_org,
        used_on=issued_on,
        note="",
    )
    do_record_entry(
        actor=actor,
        kind="certificate",
        community=community,
        source_org=agency_org or community,
        occurred_on=issued_on,
        minutes=int(item.minutes_per_occurrence),
        listed=True,
        list_item=item,
        source_obj=cert,
        cert_type=item.title[:100],
    )
    return cert


@transaction.atomic
def do_record_refusal(community: Org, *, actor: Any, data: dict[str, Any]) -> Refusal:
    """Record a certificate not issued, with the rule cited (one tap); numbered for the slip."""
    _own_community(actor, community)
    request = validation.short_text(data.get("request"), "request", "要求开具的证明", 200)
    rule = data.get("rule") or ""
    if rule not in RefusalRule.values:
        raise ActionError(_("请选择不予出具的依据。"), field="rule")
    item = None
    code = str(data.get("item_code") or "").strip()
    if code:
        item = selectors.forbidden_certificates(community).filter(code=code).first()
        item = item or selectors.allowed_certificates(community).filter(code=code).first()
    agency_org = _agency_org(community, data.get("agency_org"))
    agency = validation.short_text(data.get("agency"), "agency", "要求开具的单位", 100, required=False)
    agency = agency or (agency_org.name if agency_org else "")
    year = timezone.localdate().year
    n, doc_no = _number(community, "certs.refusal", year, f"{community.name}不予出具告知")
    refusal = Refusal.objects.create(
        region_code=community.region_code,
        community=community,
        request=request,
        rule=rule,
        list_item=item,
        agency=agency,
        agency_org=agency_org,
        refused_by=actor,
        year=year,
        number=n,
        doc_no=doc_no,
    )
    audit.record(actor, "certs.refusal.record", refusal, after={"doc_no": doc_no, "request": request, "rule": rule})
    return refusal


def _case_text(request: str, agency: str, verdict: dict[str, Any]) -> tuple[str, str, str]:
    title = f"{agency or '有关单位'}要求开具“{request}”"[:200]
    lines = [f"结论：{verdict.get('label', '')}", verdict.get("basis", "")]
    if verdict.get("checker"):
        lines.append(f"由谁核查：{verdict['checker']}")
    if verdict.get("replacement"):
        lines.append(f"替代方式：{verdict['replacement']}")
    return title, "\n".join(line for line in lines if line), str(verdict.get("rule", ""))[:300]


@transaction.atomic
def do_report_refusal(refusal: Refusal, *, actor: Any) -> Refusal:
    """ "单位要求我开具X证明": the community sends the demand behind a refusal to supervision as a
    case against the agency, with the verdict attached. Once per refusal."""
    locked = Refusal.objects.select_for_update(of=("self",)).select_related("community", "list_item").get(pk=refusal.pk)
    _own_community(actor, locked.community)
    if locked.case_id:
        raise Conflict(_("该记录已转监督。"))
    from .verdict import verdict_for_refusal

    title, description, rule_ref = _case_text(locked.request, locked.agency, verdict_for_refusal(locked))
    case = do_open_case(
        actor=actor,
        source=CaseSource.WORKER_REPORT,
        region_code=locked.community.region_code,
        title=title,
        description=description,
        rule_ref=rule_ref,
        community=locked.community,
        department=locked.agency_org,
        source_obj=locked,
        reporter=actor,
    )
    locked.case_id = case.pk
    locked.save(update_fields=["case_id"])
    audit.record(actor, "certs.refusal.report", locked, after={"case": case.pk})
    return locked


@transaction.atomic
def do_report_demand(
    county: Org, *, actor: Any, text: str, verdict: dict[str, Any], agency_org: Any = None, agency: str = ""
) -> Any:
    """A resident or anyone reports, from the public verdict page, an agency that demands a
    certificate the community must not issue: a public report (举报) against that agency."""
    request = validation.short_text(text, "q", "要求开具的证明", 200)
    dept = None
    if agency_org not in (None, ""):
        dept = selectors.agencies(county).filter(pk=agency_org).first() if str(agency_org).isdigit() else None
        if dept is None:
            raise ActionError(_("所选单位不是本县（区）的部门。"), field="agency_org")
    agency = validation.short_text(agency, "agency", "要求开具的单位", 100, required=dept is None)
    title, description, rule_ref = _case_text(request, dept.name if dept else agency, verdict)
    case = do_open_case(
        actor=actor,
        source=CaseSource.PUBLIC_REPORT,
        region_code=county.region_code,
        title=title,
        description=description,
        rule_ref=rule_ref,
        department=dept,
        reporter=actor,
    )
    audit.record(actor, "certs.demand.report", case, after={"request": request})
    return case


def _log_seal(community: Org, *, actor: Any, **values: Any) -> SealUse:
    use = SealUse.objects.create(region_code=community.region_code, community=community, used_by=actor, **values)
    audit.record(
        actor,
        "certs.seal.use",
        use,
        after={
            "seal": use.seal,
            "what": use.what,
            "in_scope": use.in_scope,
            "scope": getattr(use.scope_item, "code", ""),
        },
    )
    return use


@transaction.atomic
def do_use_seal(community: Org, *, actor: Any, data: dict[str, Any]) -> SealUse:
    """Log a use of the seal (用印登记). A use resting on no item of the seal-use scope is still
    logged, and recorded in the burden ledger as a breach (只出具清单内的证明) against the unit
    that asked for it, or against the community itself."""
    _own_community(actor, community)
    seal = _seal(data.get("seal"))
    what = validation.short_text(data.get("what"), "what", "用印事项", 200)
    for_whom = validation.short_text(data.get("for_whom"), "for_whom", "用印对象", 100)
    note = validation.short_text(data.get("note"), "note", "说明", 300, required=False)
    used_on = validation.day(data.get("used_on"), "used_on", "用印日期")
    agency_org = _agency_org(community, data.get("agency_org"))
    code = str(data.get("scope_code") or "").strip()
    scope_item = selectors.seal_scope(community).filter(code=code).first() if code else None
    if code and scope_item is None:
        raise ActionError(_("所选依据不在本县印章使用范围清单中。"), field="scope_code")
    use = _log_seal(
        community,
        actor=actor,
        seal=seal,
        what=what,
        for_whom=for_whom,
        scope_item=scope_item,
        in_scope=scope_item is not None,
        certificate=None,
        agency_org=agency_org,
        used_on=used_on,
        note=note,
    )
    if scope_item is None:
        do_record_entry(
            actor=actor,
            kind="certificate",
            community=community,
            source_org=agency_org or community,
            occurred_on=used_on,
            minutes=0,
            listed=False,
            source_obj=use,
            cert_type=what[:100],
            note=f"印章使用超出范围：{what}（{for_whom}）"[:500],
        )
    return use


@transaction.atomic
def do_save_template(county: Org, *, actor: Any, data: dict[str, Any]) -> CommitmentTemplate:
    """Create or change the county's 告知承诺书 for one certificate of its lists."""
    if not can_edit_templates(actor):
        raise NotAllowed(_("只有县级民政、组织部门可以修改告知承诺书模板。"))
    if selectors.list_owner_org(actor.org) != county:
        raise NotFound(_("未找到该县（区）。"))
    code = str(data.get("item_code") or "").strip()
    items = selectors.allowed_certificates(county) | selectors.forbidden_certificates(county)
    item = items.filter(code=code).first()
    if item is None:
        raise ActionError(_("请选择本县证明事项清单中的证明。"), field="item_code")
    title = validation.short_text(data.get("title") or f"{item.title}告知承诺书", "title", "标题", 200)
    body = validation.short_text(data.get("body"), "body", "承诺内容", 4000)
    verifier = validation.short_text(data.get("verifier"), "verifier", "核查单位", 100, required=False)
    template = CommitmentTemplate.objects.select_for_update().filter(org=county, item_code=code).first()
    before = audit.snapshot(template, ["title", "body", "verifier"]) if template else None
    if template is None:
        template = CommitmentTemplate(region_code=county.region_code, org=county, item_code=code)
    template.title, template.body, template.verifier, template.updated_by = title, body, verifier, actor
    template.save()
    audit.record(
        actor,
        "certs.template.save",
        template,
        before=before,
        after=audit.snapshot(template, ["title", "body", "verifier"]),
    )
    return template


@transaction.atomic
def do_sign_commitment(community: Org, *, actor: Any, data: dict[str, Any]) -> Commitment:
    """Record a resident's signed 告知承诺 in place of a certificate, numbered, with the
    department that will verify it."""
    _own_community(actor, community)
    template = selectors.template_for(community, str(data.get("item_code") or "").strip())
    if template is None:
        raise ActionError(_("该证明没有县里制定的告知承诺书模板。"), field="item_code")
    name, number = validation.resident(data.get("resident_name"), data.get("id_number"))
    agency_org = _agency_org(community, data.get("agency_org"))
    if agency_org is None:
        raise ActionError(_("请选择负责核查的单位。"), field="agency_org")
    signed_on = validation.day(data.get("signed_on"), "signed_on", "签署日期")
    n, doc_no = _number(community, "certs.commitment", signed_on.year, f"{community.name}承诺")
    commitment = Commitment.objects.create(
        region_code=community.region_code,
        community=community,
        template=template,
        title=template.title,
        body=template.body,
        agency_org=agency_org,
        signed_on=signed_on,
        resident_name_enc=crypto.encrypt(name),
        resident_id_enc=crypto.encrypt(number),
        created_by=actor,
        year=signed_on.year,
        number=n,
        doc_no=doc_no,
    )
    audit.record(
        actor, "certs.commitment.sign", commitment, after={"doc_no": doc_no, "template_code": template.item_code}
    )
    return commitment


@transaction.atomic
def do_verify_commitment(commitment: Commitment, *, actor: Any, result: str, note: str = "") -> Commitment:
    """The agency notes its later verification of a commitment: 属实, or 不实 (for the credit
    record, seed 000 篇一/二)."""
    locked = Commitment.objects.select_for_update().get(pk=commitment.pk)
    if not can_verify(actor, locked):
        raise NotAllowed(_("只有承诺书所列核查单位可以登记核查结果。"))
    if result not in (CommitmentState.VERIFIED, CommitmentState.FALSE):
        raise ActionError(_("请选择核查结果。"), field="result")
    if locked.state != CommitmentState.SIGNED:
        raise Conflict(
            _("当前状态为“{get_state_display}”，请刷新后重试。").format(get_state_display=locked.get_state_display())
        )
    note = validation.short_text(note, "note", "核查情况", 300, required=result == CommitmentState.FALSE)
    locked.state, locked.verified_note = result, note
    locked.verified_by, locked.verified_at = actor, timezone.now()
    locked.save(update_fields=["state", "verified_note", "verified_by", "verified_at"])
    audit.record(
        actor, "certs.commitment.verify", locked, before={"state": CommitmentState.SIGNED}, after={"state": result}
    )
    return locked


@transaction.atomic
def do_reveal_residents(certs: list[Certificate], *, actor: Any, export: bool = False) -> list[tuple[str, str]]:
    """显示完整信息: the residents' names and ID numbers of ``certs`` in clear, for the issuing
    community only (one certificate, or its whole register for an export). Audited as
    ``certs.resident.reveal`` — which certificates, never the data (个人信息保护法)."""
    from .permissions import sees_clear

    return do_reveal(
        actor,
        certs[0] if len(certs) == 1 and not export else None,
        allowed=bool(certs) and all(sees_clear(actor, c) for c in certs),
        refusal=_("只有出具证明的社区（村）可以查看居民的完整姓名和身份证号码。"),
        event_type="certs.resident.export_reveal" if export else "certs.resident.reveal",
        fields=["resident_name", "resident_id"],
        objects=certs if export else None,
        read=lambda: [selectors.clear_person(c) for c in certs],
    )


def do_reveal_commitment(commitment: Any, *, actor: Any, printing: bool = False) -> tuple[str, str]:
    """显示完整信息 for a 告知承诺: the resident's name and ID number in clear, for the community
    that took the commitment only — to read it, or to print the commitment for signature. Audited
    as ``certs.commitment.reveal`` (``printing`` noted), never the data."""
    from .permissions import sees_clear

    return do_reveal(
        actor,
        commitment,
        allowed=sees_clear(actor, commitment),
        refusal=_("只有登记告知承诺的社区（村）可以查看居民的完整姓名和身份证号码。"),
        event_type="certs.commitment.print" if printing else "certs.commitment.reveal",
        fields=["resident_name", "resident_id"],
        read=lambda: selectors.clear_person(commitment),
    )
