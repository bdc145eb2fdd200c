"""Certificates (证明) a community issues or refuses, its seal log (用印登记) and 告知承诺.

Residents' names and ID numbers are stored encrypted (``crypto``); only the issuing community
reads them in clear (``selectors.person``)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy

from jianfu.orgs.scoping import ScopedModel

from .choices import CommitmentState, RefusalRule, SealKind


class ResidentFields(models.Model):
    """A resident's name and ID number as Fernet tokens (never in clear in the database)."""

    resident_name_enc = models.TextField(gettext_lazy("居民姓名（加密）"))
    resident_id_enc = models.TextField(gettext_lazy("身份证号码（加密）"))

    class Meta:
        abstract = True


class NumberedFields(models.Model):
    """A document number from core.numbering, per community and year."""

    year = models.PositiveSmallIntegerField(gettext_lazy("年度"))
    number = models.PositiveIntegerField(gettext_lazy("序号"))
    doc_no = models.CharField(gettext_lazy("编号"), max_length=40)

    class Meta:
        abstract = True


class Certificate(ScopedModel, ResidentFields, NumberedFields):  # 证明（出具登记）
    """One certificate a community issued: which listed certificate (可出具的证明事项), for whom,
    for what purpose, which agency asked for it and which seal was used."""

    community = models.ForeignKey("orgs.Org", on_delete=models.PROTECT, related_name="+")
    list_item = models.ForeignKey("catalog.ListItem", on_delete=models.PROTECT, related_name="+")
    item_code = models.CharField(gettext_lazy("证明事项编号"), max_length=32)
    item_title = models.CharField(gettext_lazy("证明事项"), max_length=200)
    purpose = models.CharField(gettext_lazy("用途"), max_length=200)
    agency = models.CharField(gettext_lazy("要求出具的单位"), max_length=100)
    seal = models.CharField(gettext_lazy("所用印章"), max_length=12, choices=SealKind.choices)
    issued_on = models.DateField(gettext_lazy("出具日期"))
    issued_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-issued_on", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["community", "year", "number"], name="certs_certificate_number_unique")
        ]
        verbose_name = "证明"

    def __str__(self) -> str:
        return f"{self.doc_no} {self.item_title}"


class Refusal(ScopedModel, NumberedFields):  # 不予出具登记
    """A certificate the community did not issue, with the rule it cited; the resident gets a
    printed slip (不予出具告知单). No personal data: the slip is for the resident to carry."""

    community = models.ForeignKey("orgs.Org", on_delete=models.PROTECT, related_name="+")
    request = models.CharField(gettext_lazy("要求开具的证明"), max_length=200)
    rule = models.CharField(gettext_lazy("依据"), max_length=12, choices=RefusalRule.choices)
    list_item = models.ForeignKey("catalog.ListItem", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    agency = models.CharField(gettext_lazy("要求开具的单位"), max_length=100, blank=True)
    agency_org = models.ForeignKey(
        "orgs.Org", null=True, blank=True, on_delete=models.PROTECT, related_name="+", verbose_name=gettext_lazy("单位")
    )
    case_id = models.PositiveIntegerField(null=True, blank=True)  # the supervision case, once reported
    refused_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["community", "year", "number"], name="certs_refusal_number_unique")
        ]
        verbose_name = "不予出具"

    def __str__(self) -> str:
        return f"{self.doc_no} {self.request}"


class SealUse(ScopedModel):  # 用印登记
    """Every use of a community seal: what was stamped, for whom, on what basis (an item of the
    印章使用范围 list, seed 001). A use outside the scope is a breach in the burden ledger."""

    community = models.ForeignKey("orgs.Org", on_delete=models.PROTECT, related_name="+")
    seal = models.CharField(gettext_lazy("印章"), max_length=12, choices=SealKind.choices)
    what = models.CharField(gettext_lazy("用印事项"), max_length=200)
    for_whom = models.CharField(gettext_lazy("用印对象"), max_length=100)
    scope_item = models.ForeignKey(
        "catalog.ListItem", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    in_scope = models.BooleanField(gettext_lazy("在使用范围内"))
    certificate = models.ForeignKey(Certificate, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    agency_org = models.ForeignKey("orgs.Org", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    note = models.CharField(gettext_lazy("说明"), max_length=300, blank=True)
    used_on = models.DateField(gettext_lazy("用印日期"))
    used_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-used_on", "-id"]
        verbose_name = "用印登记"

    def __str__(self) -> str:
        return f"{self.used_on} {self.what}"


class CommitmentTemplate(ScopedModel):  # 告知承诺书模板
    """The county's 告知承诺书 wording for one certificate (by list code), editable by 民政/组织."""

    org = models.ForeignKey("orgs.Org", on_delete=models.PROTECT, related_name="+")
    item_code = models.CharField(gettext_lazy("证明事项编号"), max_length=32)
    title = models.CharField(gettext_lazy("标题"), max_length=200)
    body = models.TextField(gettext_lazy("承诺内容"))
    verifier = models.CharField(gettext_lazy("核查单位"), max_length=100, blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["item_code"]
        constraints = [models.UniqueConstraint(fields=["org", "item_code"], name="certs_template_unique")]
        verbose_name = "告知承诺书模板"

    def __str__(self) -> str:
        return self.title


class Commitment(ScopedModel, ResidentFields, NumberedFields):  # 告知承诺
    """A resident's signed written commitment in place of a certificate; the agency that relies
    on it verifies it later (核查) and notes the result (a false one goes to the credit record)."""

    community = models.ForeignKey("orgs.Org", on_delete=models.PROTECT, related_name="+")
    template = models.ForeignKey(CommitmentTemplate, on_delete=models.PROTECT, related_name="+")
    title = models.CharField(gettext_lazy("标题"), max_length=200)
    body = models.TextField(gettext_lazy("承诺内容"))  # the template's wording when signed
    agency_org = models.ForeignKey(
        "orgs.Org", on_delete=models.PROTECT, related_name="+", verbose_name=gettext_lazy("核查单位")
    )
    signed_on = models.DateField(gettext_lazy("签署日期"))
    state = models.CharField(
        gettext_lazy("状态"), max_length=12, choices=CommitmentState.choices, default=CommitmentState.SIGNED
    )
    verified_note = models.CharField(gettext_lazy("核查情况"), max_length=300, blank=True)
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    verified_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-signed_on", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["community", "year", "number"], name="certs_commitment_number_unique")
        ]
        verbose_name = "告知承诺"

    def __str__(self) -> str:
        return f"{self.doc_no} {self.title}"
