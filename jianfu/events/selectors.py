"""Reads of grid events. A community sees its own events, a township those in it, a department
those it was whistled (and never a resident's contact), the county's offices all in the county."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from jianfu.core.crypto import mask_name, mask_phone
from jianfu.core.errors import NotFound
from jianfu.orgs import tree
from jianfu.orgs.choices import Role
from jianfu.orgs.models import Org
from jianfu.orgs.permissions import has_role
from jianfu.orgs.scoping import get_in_scope_or_404, scope_prefix

from .choices import OPEN_STATES, PENDING_STATES, State
from .models import Category, Event, Photo, Step
from .permissions import COUNTY_READERS, is_verifier, may_see_contact
from .similarity import similarity

DUPLICATE_DAYS = 30
DUPLICATE_THRESHOLD = 0.3


def events_for(user: Any) -> QuerySet[Event]:
    """Every event the user may see."""
    qs = Event.objects.restrict(user).select_related("community", "township", "grid", "category", "holder", "handler")
    if has_role(user, Role.COMMUNITY_WORKER):
        return qs.filter(community=user.org)
    if has_role(user, Role.TOWNSHIP_OFFICER):
        return qs
    if has_role(user, Role.DEPT_OFFICER):
        whistled = Step.objects.filter(event=OuterRef("pk"), to_org=user.org)
        return qs.filter(Q(holder=user.org) | Exists(whistled))
    if has_role(user, *COUNTY_READERS):
        return qs
    return qs.none()


def get_event(user: Any, pk: Any) -> Event:
    return get_in_scope_or_404(events_for(user), user, pk=pk, message=_("未找到该事件。"))


def queue_for(user: Any) -> QuerySet[Event]:
    """What waits on the user's unit: events it holds, and answers the user is to verify."""
    if user.org is None:
        return Event.objects.none()
    qs = events_for(user)
    mine = Q(holder=user.org, state__in=PENDING_STATES)
    if has_role(user, Role.COMMUNITY_WORKER):
        verify = Q(state=State.HANDLED) & (Q(reporter=user) | Q(reporter=None, community=user.org))
        return qs.filter(mine | verify)
    return qs.filter(mine)


def to_verify(user: Any) -> QuerySet[Event]:
    return queue_for(user).filter(state=State.HANDLED)


def overdue(qs: QuerySet[Event], now: dt.datetime | None = None) -> QuerySet[Event]:
    """Open events past their answer time, the longest overdue first (待核查 is the verifier's)."""
    return qs.filter(state__in=PENDING_STATES, deadline__lt=now or timezone.now()).order_by("deadline", "id")


def steps_of(user: Any, event: Event) -> QuerySet[Step]:
    return event.steps.select_related("actor", "from_org", "to_org").prefetch_related("photos")


def photo_for(user: Any, pk: Any) -> Photo:
    """A photo, only for someone who may see its event (404 otherwise)."""
    photo = Photo.objects.filter(pk=pk).first() if str(pk).isdigit() else None
    if photo is None or not events_for(user).filter(pk=photo.event_id).exists():
        raise NotFound(_("未找到该文件。"))
    return photo


def contact_for(user: Any, event: Event, *, full: bool = False) -> dict[str, Any] | None:
    """A resident's name and telephone, for those who may call back; None for everyone else.
    Masked (王*兰, 139****5678) unless ``full`` — which only ``actions.do_reveal_contact`` asks
    for, after recording that this user saw the full number."""
    if not may_see_contact(user, event) or not (event.contact_name or event.contact_phone):
        return None
    if full:
        return {"name": event.contact_name, "phone": event.contact_phone, "masked": False}
    return {"name": mask_name(event.contact_name), "phone": mask_phone(event.contact_phone), "masked": True}


def categories_of(county_code: str, *, active: bool = True) -> QuerySet[Category]:
    qs = Category.objects.within(county_code).select_related("parent", "department")
    return qs.filter(is_active=True) if active else qs


def leaf_categories(county_code: str) -> list[Category]:
    """Categories to report under: second-level ones, and first-level ones without children."""
    cats = list(categories_of(county_code).order_by("code"))
    parents = {c.parent_id for c in cats if c.parent_id}
    return [c for c in cats if c.pk not in parents]


def county_code_of(user: Any) -> str:
    prefix = scope_prefix(user) or ""
    return tree.county_code(prefix) if len(prefix) >= 6 else ""


def duplicate_candidates(community: Org, grid: Org | None, category: Category, description: str) -> list[Event]:
    """Open events of the same grid (or community) and category, recent, whose text reads alike."""
    since = timezone.now() - dt.timedelta(days=DUPLICATE_DAYS)
    qs = Event.objects.filter(
        community=community, category=category, state__in=OPEN_STATES, received_at__gte=since
    ).order_by("-received_at")
    if grid is not None:
        qs = qs.filter(Q(grid=grid) | Q(grid=None))
    scored = [(similarity(description, e.description), e) for e in qs[:200]]
    return [e for s, e in sorted(scored, key=lambda p: -p[0]) if s >= DUPLICATE_THRESHOLD][:5]


def track(code: str) -> Event | None:
    """A resident's own event by its tracking code (public; shows no names)."""
    code = (code or "").strip().upper()
    if not code or len(code) > 16:
        return None
    return Event.objects.select_related("category", "holder", "community").filter(tracking_code=code).first()


def may_verify(user: Any, event: Event) -> bool:
    return event.state == State.HANDLED and is_verifier(user, event)
