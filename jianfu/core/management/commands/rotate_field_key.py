"""Re-encrypt residents' personal data under the first key of JIANFU_FIELD_KEY (docs/security.md).

Rotation: put the new key first in JIANFU_FIELD_KEY and keep the old one after it (both decrypt),
restart, run this command, then remove the old key. It rewrites every ``EncryptedTextField`` and
every token column named ``*_enc`` (the certificate register) row by row, each row in its own
short transaction, so it can run while the platform serves and be re-run after an interruption.
"""

from __future__ import annotations

from typing import Any

from cryptography.fernet import InvalidToken
from django.apps import apps
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from jianfu.core.crypto import EncryptedTextField, Unreadable, rotate


class Command(BaseCommand):
    help = "用 JIANFU_FIELD_KEY 的第一个密钥重新加密居民个人信息（密钥轮换）"

    def handle(self, *args: Any, **options: Any) -> None:
        total = unreadable = 0
        for model in apps.get_models():
            encrypted = [f.name for f in model._meta.concrete_fields if isinstance(f, EncryptedTextField)]
            tokens = [
                f.name
                for f in model._meta.concrete_fields
                if f.name.endswith("_enc") and not isinstance(f, EncryptedTextField)
            ]
            if not (encrypted or tokens):
                continue
            count = 0
            for pk in model._default_manager.order_by("pk").values_list("pk", flat=True).iterator(chunk_size=500):
                with transaction.atomic():
                    row = model._default_manager.select_for_update().filter(pk=pk).values(*encrypted, *tokens).first()
                    if row is None:
                        continue
                    # An EncryptedTextField reads back clear and is written under the first key;
                    # a raw token column is rotated token to token. A value no key opens is
                    # left exactly as it is (and reported): rotation never destroys data.
                    try:
                        changes = {name: rotate(row[name]) for name in tokens}
                    except InvalidToken:
                        unreadable += 1
                        continue
                    if any(isinstance(row[name], Unreadable) for name in encrypted):
                        unreadable += 1
                        continue
                    changes.update({name: row[name] for name in encrypted})
                    model._default_manager.filter(pk=pk).update(**changes)
                count += 1
            total += count
            self.stdout.write(f"{model._meta.label}: {count}")
        self.stdout.write(self.style.SUCCESS(f"已重新加密 {total - unreadable} 行。"))
        if unreadable:
            raise CommandError(
                f"{unreadable} 行无法用现有密钥解密，已原样保留：请把旧密钥加回 JIANFU_FIELD_KEY 后重试。"
            )
