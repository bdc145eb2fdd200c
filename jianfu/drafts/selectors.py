"""Reads of the draft review: a department sees its own drafts; the county's 民政局/组织部 and
领导小组 every draft of the county; nobody else any."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from jianfu.orgs.choices import Role
from jianfu.orgs.permissions import has_role
from jianfu.orgs.scoping import get_in_scope_or_404, restrict

from .choices import DraftState
from .models import Draft, DraftClause, DraftFile, Opinion
from .permissions import FIRST_REVIEW_DEPT, can_draft, sees_all

NOT_FOUND = "未找到该文稿。"


def drafts_for(user: Any) -> QuerySet[Draft]:
    qs = Draft.objects.select_related("org", "author")
    if can_draft(user):
        return restrict(qs, user).filter(org=user.org)
    if sees_all(user):
        return restrict(qs, user)
    return qs.none()


def to_review_for(user: Any) -> QuerySet[Draft]:
    """Drafts waiting for this reviewer's office (组织部: party affairs; 民政局: government)."""
    if not has_role(user, Role.LIST_OWNER) or user.org is None:
        return Draft.objects.none()
    affairs = [a for a, kind in FIRST_REVIEW_DEPT.items() if kind == user.org.dept_kind]
    return drafts_for(user).filter(state=DraftState.SUBMITTED, affairs__in=affairs)


def get_draft(user: Any, pk: Any) -> Draft:
    return get_in_scope_or_404(drafts_for(user), user, pk=pk, message=NOT_FOUND)


def clauses_of(draft: Draft) -> QuerySet[DraftClause]:
    """The flagged clauses of a draft already looked up through ``get_draft``."""
    return draft.clauses.order_by("index")


def opinions_of(draft: Draft) -> QuerySet[Opinion]:
    return draft.opinions.select_related("reviewer", "reviewer_org").order_by("-created_at", "-id")


def get_opinion(user: Any, pk: Any, opinion_pk: Any) -> Opinion:
    draft = get_draft(user, pk)
    return get_in_scope_or_404(opinions_of(draft), user, pk=opinion_pk, message=_("未找到该审核意见书。"))


def get_file(user: Any, pk: Any, file_pk: Any) -> DraftFile:
    draft = get_draft(user, pk)
    return get_in_scope_or_404(draft.files.all(), user, pk=file_pk, message=_("未找到该文件。"))
