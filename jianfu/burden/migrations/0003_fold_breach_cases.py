# Issue 19: one supervision case per responsible unit, rule and period instead of one per breach.
# Every breach's case gets its group key and a line (CaseItem) for the breach; the open cases of
# one group are folded into the oldest: the others' breaches move to it, each fold is recorded in
# the audit log on the kept case (ids and tracking codes of the folded cases), then the folded
# cases are deleted. Only cases nobody has decided anything on are folded (已受理/核查中, without
# 督办单, 回头看 or files); the others stay as they are. Not reversible (nothing to unfold to).

import datetime as dt

from django.db import migrations
from django.utils import timezone

FOLDABLE = ("received", "verifying")
OPEN = ("received", "verifying", "substantiated", "ordered", "replied")
LEVELS = (12, 9, 6, 4, 2)
REASON = "同一责任单位、同一规则、同一统计期的超限案件合并为一件（系统升级时的数据迁移）"


def _month_label(day: dt.date) -> str:
    return f"{day.year} 年 {day.month} 月"  # as burden.rules._period_bounds names a month


def _common(a: str, b: str) -> str:
    n = 0
    while n < min(len(a), len(b)) and a[n] == b[n]:
        n += 1
    return next((a[:size] for size in LEVELS if size <= n), "")


def _audit(apps, case, after):
    """One audit entry on the kept case, linked into its county's chain (core.auditchain)."""
    from jianfu.core import auditchain

    Entry = apps.get_model("core", "AuditEntry")
    Head = apps.get_model("core", "AuditChainHead")
    entry = Entry(
        at=timezone.now(),
        actor_name="系统",
        region_code=case.region_code,
        event_type="supervision.case.merge",
        object_type="supervision.case",
        object_id=str(case.pk),
        object_repr=case.title[:200],
        after=after,
        reason=REASON,
        request_id="",
    )
    key = auditchain.chain_key(entry.region_code or "")
    Head.objects.bulk_create([Head(chain=key)], ignore_conflicts=True)
    head = Head.objects.select_for_update().get(chain=key)
    entry.chain, entry.seq, entry.prev_hash = key, head.seq + 1, head.hash
    entry.hash = auditchain.digest(entry, head.hash)
    head.seq, head.hash = entry.seq, entry.hash
    head.save(update_fields=["seq", "hash"])
    entry.save(force_insert=True)


def _foldable(apps, case) -> bool:
    Order = apps.get_model("supervision", "Order")
    Recheck = apps.get_model("supervision", "Recheck")
    Evidence = apps.get_model("supervision", "Evidence")
    return (
        case.state in FOLDABLE
        and not Order.objects.filter(case=case).exists()
        and not Recheck.objects.filter(case=case).exists()
        and not Evidence.objects.filter(case=case).exists()
    )


def fold(apps, schema_editor):
    from jianfu.burden.choices import RuleCode

    Breach = apps.get_model("burden", "Breach")
    Case = apps.get_model("supervision", "Case")
    CaseItem = apps.get_model("supervision", "CaseItem")
    groups = {}
    breaches = Breach.objects.filter(case__isnull=False, case__source="breach").select_related(
        "case", "rule", "department"
    )
    for b in breaches.order_by("case__created_at", "case_id", "id").iterator(chunk_size=2000):
        case = b.case
        label = b.period or _month_label(b.occurred_on)
        key = f"{b.rule_code}|{label}"
        if case.group_key != key:
            Case.objects.filter(pk=case.pk).update(group_key=key)
        CaseItem.objects.get_or_create(
            source_type="burden.breach",
            source_id=str(b.pk),
            defaults={
                "case_id": case.pk,
                "region_code": b.region_code,
                "community_id": b.community_id,
                "summary": b.description[:500],
                "occurred_on": b.occurred_on,
            },
        )
        if case.state in OPEN:
            rule_title = str(RuleCode(b.rule_code).label)
            if b.limit is not None:
                rule_title = rule_title.replace("N", str(b.limit))
            title = f"{b.department.name}：{rule_title}（{label}）"[:200]
            cases = groups.setdefault((case.region_code[:6], b.department_id, key), (title, {}))[1]
            cases.setdefault(case.pk, case)
    for title, by_pk in groups.values():
        cases = sorted(by_pk.values(), key=lambda c: (c.created_at, c.pk))
        keep, folded = cases[0], [c for c in cases[1:] if _foldable(apps, c)]
        if not folded:
            continue
        keep = Case.objects.get(pk=keep.pk)
        region = keep.region_code
        for c in folded:
            region = _common(region, c.region_code)
        Breach.objects.filter(case_id__in=[c.pk for c in folded]).update(case=keep)
        CaseItem.objects.filter(case_id__in=[c.pk for c in folded]).update(case=keep)
        communities = CaseItem.objects.filter(case=keep).values("community_id").distinct().count()
        _audit(
            apps,
            keep,
            {
                "merged": [c.pk for c in folded],
                "tracking_codes": [c.tracking_code for c in folded],
                "title": [keep.title, title],
                "communities": communities,
            },
        )
        Case.objects.filter(pk=keep.pk).update(
            title=title,
            region_code=region,
            community_id=keep.community_id if communities <= 1 else None,
        )
        Case.objects.filter(pk__in=[c.pk for c in folded]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("burden", "0002_default_rules"),
        ("supervision", "0009_case_grouping"),
        ("core", "0004_audit_chain"),
    ]

    operations = [migrations.RunPython(fold, migrations.RunPython.noop)]
