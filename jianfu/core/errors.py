"""Errors that actions raise; views and API handlers turn them into Chinese messages."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404


class ActionError(Exception):
    """A write refused for a reason the user can fix or must be told (message in Chinese)."""

    status_code = 400

    def __init__(self, message: str, *, field: str | None = None, errors: list[dict] | None = None):
        super().__init__(message)
        self.message = message
        self.field = field
        self.errors = errors or []


class NotAllowed(ActionError, PermissionDenied):
    """The actor may not do this (role or jurisdiction). Unhandled in a view, it is a 403 page."""

    status_code = 403


class NotFound(ActionError, Http404):
    """The object does not exist for this actor; also raised for objects outside their scope.
    Unhandled in a view, it is the 404 page (so no view needs to translate it)."""

    status_code = 404


class Conflict(ActionError):
    """The object changed under the actor (e.g. someone else decided first). Carries the state
    the row is in now (``state`` and its label), which the API returns with its 409."""

    status_code = 409

    def __init__(self, message: str, *, state: str | None = None, state_label: str | None = None, **kwargs):
        super().__init__(message, **kwargs)
        self.state = state
        self.state_label = state_label
