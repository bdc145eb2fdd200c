# Residents' names and telephones encrypted at rest (issue 20, point 4): the columns become text
# holding Fernet tokens, and every existing row is encrypted in place.

from django.db import migrations

import jianfu.core.crypto

FIELDS = ("contact_name", "contact_phone")


def encrypt_rows(apps, schema_editor):
    Event = apps.get_model("events", "Event")
    # Reading gives clear text (a not-yet-encrypted value reads back as it is); update() encrypts.
    rows = Event.objects.exclude(contact_name="", contact_phone="").values_list("pk", *FIELDS).order_by("pk")
    for pk, name, phone in rows.iterator(chunk_size=500):
        Event.objects.filter(pk=pk).update(contact_name=name, contact_phone=phone)


def decrypt_rows(apps, schema_editor):
    Event = apps.get_model("events", "Event")
    table = Event._meta.db_table
    rows = Event.objects.exclude(contact_name="", contact_phone="").values_list("pk", *FIELDS).order_by("pk")
    with schema_editor.connection.cursor() as cursor:
        for pk, name, phone in rows.iterator(chunk_size=500):
            cursor.execute(
                f"UPDATE {table} SET contact_name = %s, contact_phone = %s WHERE id = %s",
                [(name or "")[:50], (phone or "")[:30], pk],
            )


class Migration(migrations.Migration):
    dependencies = [
        ("events", "0001_initial"),
    ]

    operations = [
        migrations.AlterField(
            model_name="event",
            name="contact_name",
            field=jianfu.core.crypto.EncryptedTextField(blank=True, verbose_name="反映人"),
        ),
        migrations.AlterField(
            model_name="event",
            name="contact_phone",
            field=jianfu.core.crypto.EncryptedTextField(blank=True, verbose_name="联系电话"),
        ),
        migrations.RunPython(encrypt_rows, decrypt_rows),
    ]
