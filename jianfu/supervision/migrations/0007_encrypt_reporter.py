# A complainant's name and contact encrypted at rest (issue 20, point 4): the columns become text
# holding Fernet tokens, and every existing row is encrypted in place.

from django.db import migrations

import jianfu.core.crypto

FIELDS = ("reporter_name", "reporter_contact")


def encrypt_rows(apps, schema_editor):
    Case = apps.get_model("supervision", "Case")
    # Reading gives clear text (a not-yet-encrypted value reads back as it is); update() encrypts.
    rows = Case.objects.exclude(reporter_name="", reporter_contact="").values_list("pk", *FIELDS).order_by("pk")
    for pk, name, contact in rows.iterator(chunk_size=500):
        Case.objects.filter(pk=pk).update(reporter_name=name, reporter_contact=contact)


def decrypt_rows(apps, schema_editor):
    Case = apps.get_model("supervision", "Case")
    table = Case._meta.db_table
    rows = Case.objects.exclude(reporter_name="", reporter_contact="").values_list("pk", *FIELDS).order_by("pk")
    with schema_editor.connection.cursor() as cursor:
        for pk, name, contact in rows.iterator(chunk_size=500):
            cursor.execute(
                f"UPDATE {table} SET reporter_name = %s, reporter_contact = %s WHERE id = %s",
                [(name or "")[:50], (contact or "")[:100], pk],
            )


class Migration(migrations.Migration):
    dependencies = [
        ("supervision", "0006_merge_unreviewed_doc_and_notice_numbers"),
    ]

    operations = [
        migrations.AlterField(
            model_name="case",
            name="reporter_contact",
            field=jianfu.core.crypto.EncryptedTextField(blank=True, verbose_name="举报人联系方式"),
        ),
        migrations.AlterField(
            model_name="case",
            name="reporter_name",
            field=jianfu.core.crypto.EncryptedTextField(blank=True, verbose_name="举报人姓名"),
        ),
        migrations.RunPython(encrypt_rows, decrypt_rows),
    ]
