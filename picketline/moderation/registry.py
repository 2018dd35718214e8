"""What the queue needs to know about each kind of content, registered by the app that owns it.

An app registers one handler per kind in its `AppConfig.ready()`:

    moderation_register(DisputeSubmissionHandler())

The queue calls the handler to describe, show, publish, reject and merge an item; it never
imports the content's app.
"""

from dataclasses import dataclass, field

from django.db import models


@dataclass
class Facets:
    """What the queue shows and filters on, taken from the content when it is submitted."""

    summary: str
    country: str = ""
    category: str = ""
    has_sources: bool = False


@dataclass
class Candidate:
    """A published record the item may duplicate, with a score from 0 to 100 and the reasons."""

    obj: models.Model
    score: int
    reasons: list[str] = field(default_factory=list)


class ModerationHandler:
    kind: str = ""
    # Shown in the queue's kind filter and headings.
    label = ""
    # Included on the item's page with {"item", "obj", "candidates"} and `detail_context(obj)`.
    detail_template = ""
    # Included once per likely duplicate with {"item", "candidate", "merge_form"}: shows the
    # published record and a button that merges the item into it.
    candidate_template = "moderation/_candidate.html"
    can_merge = False
    # The values `Facets.category` takes, with their labels: the queue's category filter.
    categories: list[tuple[str, str]] = []

    def facets(self, obj) -> Facets:
        raise NotImplementedError

    def detail_context(self, obj) -> dict:
        """Anything more `detail_template` needs (labels of stored codes, say)."""
        return {}

    def contact_email(self, obj) -> str:
        """Where decisions and questions go; empty when the submitter stayed anonymous."""
        return ""

    def contact_language(self, obj) -> str:
        """The language to write to the submitter in; empty for the site's default."""
        return ""

    def status_url(self, obj) -> str:
        """The submitter's private page for this item, if there is one."""
        return ""

    def edit_form(self, obj, data=None):
        """A bound or unbound form for "approve with edits"; None when edits are not offered."""
        return None

    def approve(self, *, obj, user, edits: dict | None = None):
        """Publishes the content (with the edit form's cleaned data, when given).

        Called inside the transaction that holds the item's lock. Returns what was published.
        """
        raise NotImplementedError

    def reject(self, *, obj, user, reason: str) -> None:
        """Anything beyond the item's status (the item records the decision itself)."""

    def merge(self, *, obj, user, target_pk: int):
        """Adds the content to an existing published record and returns that record."""
        raise NotImplementedError

    def merge_target(self, text: str):
        """The published record that `text` names (its address, slug or id), or None."""
        return None

    def candidates(self, obj, *, limit: int = 5) -> list[Candidate]:
        """Likely duplicates among published records, best first."""
        return []

    def published_url(self, published) -> str:
        return published.get_absolute_url() if hasattr(published, "get_absolute_url") else ""


_HANDLERS: dict[str, ModerationHandler] = {}


def moderation_register(handler: ModerationHandler) -> None:
    if not handler.kind:
        raise ValueError("A moderation handler needs a kind")
    _HANDLERS[handler.kind] = handler


def handler_for(kind: str) -> ModerationHandler:
    try:
        return _HANDLERS[kind]
    except KeyError:
        raise LookupError(f"No moderation handler registered for {kind!r}") from None


def registered_kinds() -> list[ModerationHandler]:
    return list(_HANDLERS.values())
