"""Running an action for a page: the page twin of the API's ActionError handler (api/api.py).

A view parses the POST, then calls ``run_action(request, fn, *args, **kwargs)``. The action's
refusals become what a person sees:

- ``NotFound``  → the 404 page (it is an ``Http404``; a forged id from elsewhere looks absent);
- ``NotAllowed`` → the 403 page (it is a ``PermissionDenied``);
- ``Conflict``  → a message (its text says the current state: “当前状态为……请刷新后重试”);
- any other ``ActionError`` → an error on the form (on its field, or each of ``errors`` on
  theirs) when a form is given, else a message.

``on_error`` replaces that default display for the few pages that show refusals their own way
(an import's row table, a prefixed message). The returned ``Outcome`` is truthy when the action
succeeded and carries its return value (``.value``) or the refusal (``.error``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Generic, TypeVar, cast

from django import forms
from django.contrib import messages
from django.http import HttpRequest

from .errors import ActionError, Conflict, NotAllowed, NotFound
from .forms import apply_error

T = TypeVar("T")


@dataclass(frozen=True)
class Outcome(Generic[T]):
    """What became of an action run for a page: its value, or the refusal already shown."""

    value: T
    error: ActionError | None = None

    @property
    def ok(self) -> bool:
        return self.error is None

    def __bool__(self) -> bool:
        return self.ok


def show_on_form(form: forms.BaseForm, exc: ActionError) -> None:
    """Put a refusal on the form: each listed error on its field, else the message on its field
    (or on top when the form has no such field)."""
    if exc.errors:
        for e in exc.errors:
            field = e.get("field")
            form.add_error(field if field in form.fields else None, e.get("message") or exc.message)
    else:
        apply_error(form, exc)  # type: ignore[arg-type]


def run_action(
    request: HttpRequest,
    fn: Callable[..., T],
    *args: Any,
    form: forms.BaseForm | None = None,
    on_error: Callable[[ActionError], None] | None = None,
    **kwargs: Any,
) -> Outcome[T]:
    """Call ``fn(*args, **kwargs)`` and show its refusal (see the module docstring)."""
    try:
        value = fn(*args, **kwargs)
    except (NotFound, NotAllowed):
        raise  # Http404 / PermissionDenied: Django answers with the 404 / 403 page
    except ActionError as exc:
        if on_error is not None:
            on_error(exc)
        elif form is not None and not isinstance(exc, Conflict):
            show_on_form(form, exc)
        else:
            messages.error(request, exc.message)
        return Outcome(cast(T, None), exc)
    return Outcome(value)
