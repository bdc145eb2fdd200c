"""督办单 numbers move from supervision's own OrderCounter to core.numbering's DocumentCounter
(kind "supervision.order", issuer = the county code): the used numbers carry over, so the next
order of the year continues the sequence."""

from django.db import migrations

KIND = "supervision.order"


def forward(apps, schema_editor):
    OrderCounter = apps.get_model("supervision", "OrderCounter")
    DocumentCounter = apps.get_model("core", "DocumentCounter")
    for row in OrderCounter.objects.all():
        DocumentCounter.objects.update_or_create(
            issuer_code=row.county_code, kind=KIND, year=row.year, defaults={"last": row.last}
        )


def backward(apps, schema_editor):
    OrderCounter = apps.get_model("supervision", "OrderCounter")
    DocumentCounter = apps.get_model("core", "DocumentCounter")
    for row in DocumentCounter.objects.filter(kind=KIND):
        OrderCounter.objects.update_or_create(
            county_code=row.issuer_code, year=row.year, defaults={"last": row.last}
        )


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0003_document_counter"),
        ("supervision", "0002_case_closed_at_case_decided_at_case_finding_and_more"),
    ]

    operations = [
        migrations.RunPython(forward, backward),
        migrations.DeleteModel(name="OrderCounter"),
    ]
