"""The list-version workflow (清单版本), one table: a jurisdiction's draft is published as the next
numbered, immutable version. (A draft thrown away is deleted, not moved; an older version is
superseded simply by a newer one taking effect, so neither is a state.)"""

from __future__ import annotations

from typing import Any

from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from jianfu.core.errors import ActionError
from jianfu.core.numbering import next_number
from jianfu.core.transitions import Edge, Workflow
from jianfu.core.typing import Actor

from .choices import VersionStatus as S
from .models import PUBLICATION_NUMBERS, ListVersion, publisher_of
from .permissions import can_edit_lists
from .selectors import current_version


def owns_lists(version: ListVersion, actor: Actor) -> bool:
    """The jurisdiction's list owners; the system (actor None: a loader run by an operator, such
    as the demo or the migration of existing lists) too."""
    return actor is None or can_edit_lists(actor, version.org)


def _publishable(version: ListVersion, actor: Actor) -> str | None:
    if not version.items.exists():
        return _("草稿中没有任何事项，不能发布。")
    latest = current_version(version.org)
    new_date = version.effective_date  # set by the action (changes=) before the guard runs
    if latest is not None and latest.effective_date and new_date and new_date < latest.effective_date:
        raise ActionError(
            _("生效日期不能早于上一版（第 {number} 版，{effective_date:%Y-%m-%d}）。").format(
                number=latest.number, effective_date=latest.effective_date
            ),
            field="effective_date",
        )
    return None


def _number(version: ListVersion, actor: Actor, reason: str) -> dict[str, Any]:
    """The next number of the jurisdiction (the draft's row lock serialises its publishers)."""
    latest = current_version(version.org)
    version.number = (ListVersion.objects.filter(org=version.org).aggregate(m=Max("number"))["m"] or 0) + 1
    version.published_at = timezone.now()
    version.published_by = actor if getattr(actor, "is_authenticated", False) else None
    # The publication notice's own number, counted per publishing office (the version's lock
    # and the counter's row lock keep it gap-free).
    version.doc_year = timezone.localdate(version.published_at).year
    version.doc_number = next_number(publisher_of(version), PUBLICATION_NUMBERS, version.doc_year)
    return {
        "number": version.number,
        "effective_date": version.effective_date,
        "items": version.items.count(),
        "full_review": version.full_review,
        "based_on": latest.number if latest else None,
    }


VERSION = Workflow(
    "catalog.version",
    ListVersion,
    "status",
    [
        Edge(
            S.DRAFT,
            "publish",
            S.PUBLISHED,
            allowed=owns_lists,
            label="发布清单版本",
            guard=_publishable,
            effect=_number,
            extra_fields=("number", "published_at", "published_by", "doc_year", "doc_number"),
        ),
    ],
    org_of=lambda version: version.org,
    hints={(S.PUBLISHED, "publish"): gettext_lazy("该草稿已发布或已被放弃，请刷新后重试。")},
    gone=gettext_lazy("该草稿已发布或已被放弃，请刷新后重试。"),
)
