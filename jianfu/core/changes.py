"""Audit entries for people: each change as 「字段：旧值 → 新值」 in Chinese.

An audit entry stores ``before``/``after`` as JSON with field names and raw values (``{"state":
"sent"}``). Pages show them through ``describe``, which names each field by the audited model's
``verbose_name``, shows a choice by its label, a yes/no as 是/否, a foreign key by the object's
name and a date the Chinese way. Keys that are not model fields use the labels registered with
``register_field`` (an app registers them in its ``ready()``), else the key itself.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections import defaultdict
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from django.apps import apps
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db import models
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from .models import AuditEntry

_FIELD_LABELS: dict[str, str] = {}
_EMPTY = "—"


@dataclass(frozen=True)
class Change:
    field: str
    label: str
    old: str
    new: str


def register_field(key: str, label: str) -> None:
    """A Chinese label for a ``before``/``after`` key that is not a field of the audited model."""
    _FIELD_LABELS.setdefault(key, label)


def _model_of(entry: AuditEntry) -> type[models.Model] | None:
    if not entry.object_type or "." not in entry.object_type:
        return None
    try:
        return apps.get_model(entry.object_type)
    except (LookupError, ValueError):
        return None


def _field(model: type[models.Model] | None, key: str) -> models.Field[Any, Any] | None:
    if model is None:
        return None
    try:
        found: object = model._meta.get_field(key)
    except FieldDoesNotExist:
        found = next((f for f in model._meta.concrete_fields if getattr(f, "attname", "") == key), None)
    return found if isinstance(found, models.Field) else None


_PRIMED = threading.local()  # (model, pk) -> label, while a page of entries renders


def _relations(entry: AuditEntry) -> Iterator[tuple[models.Field[Any, Any], Any]]:
    model = _model_of(entry)
    for side in (entry.before, entry.after):
        if not isinstance(side, dict):
            continue
        for key, value in side.items():
            field = _field(model, key)
            if field is not None and field.is_relation and field.related_model is not None:
                if value not in (None, "") and not isinstance(value, list | dict):
                    yield field, value


def _target(field: models.Field[Any, Any]) -> models.Field[Any, Any]:
    """The field a relation points at: the primary key, or its to_field (a code)."""
    target = getattr(field, "target_field", None)
    return target if isinstance(target, models.Field) else field.related_model._meta.pk  # type: ignore[union-attr]


@contextmanager
def primed(entries: Iterable[AuditEntry]) -> Iterator[None]:
    """While a page of entries renders: every object their changes name, fetched in one query per
    model instead of one per change."""
    wanted: dict[tuple[Any, str], set[Any]] = defaultdict(set)
    for entry in entries:
        for field, value in _relations(entry):
            target = _target(field)
            try:
                wanted[(field.related_model, target.name)].add(target.to_python(value))
            except (TypeError, ValueError, ValidationError):  # a code recorded under the field's name
                continue
    labels: dict[tuple[Any, str, str], str] = {}
    for (model, name), keys in wanted.items():
        for key, obj in model._default_manager.in_bulk(list(keys), field_name=name).items():
            labels[(model, name, str(key))] = str(obj)
    _PRIMED.labels = labels
    try:
        yield
    finally:
        _PRIMED.labels = None


def _date(value: str) -> str | None:
    try:
        if len(value) == 10:
            return date_format(dt.date.fromisoformat(value), "Y年n月j日")
        moment = dt.datetime.fromisoformat(value)
    except ValueError:
        return None
    return date_format(moment, "Y年n月j日 H:i")


def _show(value: Any, field: models.Field[Any, Any] | None) -> str:
    if value is None or value == "" or value == []:
        return _EMPTY
    if isinstance(value, bool):
        return _("是") if value else _("否")
    if field is not None and field.choices:
        labels = {str(k): str(v) for k, v in field.flatchoices}
        if isinstance(value, list):
            return "、".join(labels.get(str(v), str(v)) for v in value)
        return labels.get(str(value), str(value))
    if field is not None and field.is_relation and field.related_model is not None and not isinstance(value, list):
        primed_labels: dict[tuple[Any, str, str], str] | None = getattr(_PRIMED, "labels", None)
        key = (field.related_model, _target(field).name, str(value))
        if primed_labels and key in primed_labels:
            return primed_labels[key]
        try:
            related = field.related_model._default_manager.filter(pk=value).first()
        except (TypeError, ValueError, ValidationError):  # a key recorded under the field's name (a code)
            related = None
        return str(related) if related is not None else str(value)
    if isinstance(value, list):
        return "、".join(_show(v, None) for v in value)
    if isinstance(value, dict):
        return "；".join(f"{k}：{_show(v, None)}" for k, v in value.items())
    if isinstance(value, str) and value[:4].isdigit() and value[4:5] == "-":
        shown = _date(value)
        if shown is not None:
            return shown
    return str(value)


def describe(entry: AuditEntry) -> list[Change]:
    """The entry's changes, one per field, in the order the fields were recorded."""
    before = entry.before if isinstance(entry.before, dict) else {}
    after = entry.after if isinstance(entry.after, dict) else {}
    model = _model_of(entry)
    changes = []
    for key in list(dict.fromkeys([*before, *after])):
        field = _field(model, key)
        label = str(field.verbose_name) if field is not None else _FIELD_LABELS.get(key, key)
        old = _show(before.get(key), field) if key in before else ""
        new = _show(after.get(key), field) if key in after else ""
        changes.append(Change(key, label, old, new))
    return changes
