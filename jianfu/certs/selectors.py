"""Reads of certificates, refusals, the seal log and 告知承诺, always through the user's scope.

A resident's name and ID number leave this module only through ``person`` (in clear for the
issuing community, masked — 张*明, 6101**********1234 — for everyone else), ``masked_person``
(the register's pages and export) and ``clear_person`` (the audited reveal)."""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from jianfu.catalog.choices import Category, CertKind
from jianfu.catalog.models import ListItem
from jianfu.catalog.selectors import current_items, list_owner_org
from jianfu.orgs.choices import Role
from jianfu.orgs.models import Org
from jianfu.orgs.permissions import has_role
from jianfu.orgs.scoping import get_in_scope_or_404
from jianfu.orgs.tree import departments_of

from . import crypto
from .models import Certificate, Commitment, CommitmentTemplate, Refusal, SealUse
from .permissions import READERS, sees_clear


def person(user: Any, obj: Any) -> tuple[str, str]:
    """(name, ID number) of the resident on ``obj`` as ``user`` may see them (告知承诺, the API)."""
    name, number = crypto.decrypt(obj.resident_name_enc), crypto.decrypt(obj.resident_id_enc)
    if sees_clear(user, obj):
        return name, number
    return crypto.mask_name(name), crypto.mask_id(number)


def masked_person(obj: Any) -> tuple[str, str]:
    """(name, ID number) masked, as the certificate register shows them to everybody, the issuing
    community included, until it asks for them in clear (``actions.do_reveal_residents``)."""
    return crypto.mask_name(crypto.decrypt(obj.resident_name_enc)), crypto.mask_id(crypto.decrypt(obj.resident_id_enc))


def clear_person(obj: Any) -> tuple[str, str]:
    """(name, ID number) in clear: only for ``actions.do_reveal_residents``, which audits it."""
    return crypto.decrypt(obj.resident_name_enc), crypto.decrypt(obj.resident_id_enc)


def _register(model: Any, user: Any) -> QuerySet[Any]:
    if not has_role(user, *READERS):
        return model.objects.none()
    qs = model.objects.restrict(user).select_related("community")
    if has_role(user, Role.COMMUNITY_WORKER):
        qs = qs.filter(community_id=user.org_id)
    return qs


def certificates_for(user: Any) -> QuerySet[Certificate]:
    return _register(Certificate, user).select_related("issued_by")


def refusals_for(user: Any) -> QuerySet[Refusal]:
    return _register(Refusal, user).select_related("list_item", "agency_org")


def seal_uses_for(user: Any) -> QuerySet[SealUse]:
    return _register(SealUse, user).select_related("scope_item", "used_by")


def commitments_for(user: Any) -> QuerySet[Commitment]:
    """The register's readers, plus the department named to verify a commitment (its own only)."""
    if has_role(user, Role.DEPT_OFFICER):
        return Commitment.objects.restrict(user).filter(agency_org_id=user.org_id).select_related("community")
    return _register(Commitment, user).select_related("agency_org")


def get_certificate(user: Any, pk: Any) -> Certificate:
    return get_in_scope_or_404(certificates_for(user), user, pk=pk, message=_("未找到该证明记录。"))


def get_refusal(user: Any, pk: Any) -> Refusal:
    return get_in_scope_or_404(refusals_for(user), user, pk=pk, message=_("未找到该不予出具记录。"))


def get_commitment(user: Any, pk: Any) -> Commitment:
    return get_in_scope_or_404(commitments_for(user), user, pk=pk, message=_("未找到该告知承诺。"))


def templates_for(user: Any) -> QuerySet[CommitmentTemplate]:
    return CommitmentTemplate.objects.restrict(user)


# --- The lists a community answers to -----------------------------------------------------------


def allowed_certificates(org: Org) -> QuerySet[ListItem]:
    """The certificates the community may issue (可出具的证明) in the current lists."""
    return current_items(org, category=Category.CERTIFICATE).filter(cert_kind=CertKind.ALLOWED)


def forbidden_certificates(org: Org) -> QuerySet[ListItem]:
    return current_items(org, category=Category.CERTIFICATE).filter(cert_kind=CertKind.FORBIDDEN)


def seal_scope(org: Org) -> QuerySet[ListItem]:
    """The community's seal-use scope (印章使用范围): the county's current `seal` list."""
    return current_items(org, category=Category.SEAL)


def agencies(org: Org) -> QuerySet[Org]:
    """Departments of the community's county (requesting or verifying agencies)."""
    county = list_owner_org(org)
    return departments_of(county) if county is not None else Org.objects.none()


def template_for(org: Org, item_code: str) -> CommitmentTemplate | None:
    county = list_owner_org(org)
    if county is None:
        return None
    return CommitmentTemplate.objects.filter(org=county, item_code=item_code).first()


def templates_of(county: Org) -> QuerySet[CommitmentTemplate]:
    return CommitmentTemplate.objects.filter(Q(org=county))
