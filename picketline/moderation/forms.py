"""Forms of the review queue: its filters, the bulk decision, and each action on one item."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from picketline.moderation.models import ModerationItem
from picketline.moderation.registry import registered_kinds
from picketline.moderation.selectors import Age, Order, QueueFilters, Tab, category_labels

REASON_MAX = ModerationItem._meta.get_field("reason").max_length
QUESTION_MAX = 4000


class QueueFilterForm(forms.Form):
    """The queue's GET filters. Every field is optional; an unknown value is an error."""

    # Chosen with the tabs above the form, carried along in a hidden input.
    tab = forms.ChoiceField(
        label=_("Show"), choices=Tab.CHOICES, required=False, widget=forms.HiddenInput
    )
    kind = forms.ChoiceField(label=_("Kind"), required=False)
    country = forms.ChoiceField(label=_("Country"), required=False)
    category = forms.ChoiceField(label=_("Category"), required=False)
    age = forms.ChoiceField(
        label=_("Submitted"), choices=[("", _("Any time")), *Age.CHOICES], required=False
    )
    sources = forms.ChoiceField(
        label=_("Sources"),
        choices=[("", _("With or without")), ("yes", _("With sources")), ("no", _("Without"))],
        required=False,
    )
    order = forms.ChoiceField(label=_("Order"), choices=Order.CHOICES, required=False)

    def __init__(self, data=None, *, countries: list[tuple[str, str]]):
        super().__init__(data)
        any_choice = [("", _("Any"))]
        self.fields["kind"].choices = any_choice + [
            (handler.kind, handler.label or handler.kind) for handler in registered_kinds()
        ]
        self.fields["country"].choices = any_choice + countries
        self.fields["category"].choices = any_choice + sorted(
            category_labels().items(), key=lambda pair: pair[1]
        )

    def filters(self) -> QueueFilters:
        """The filters to apply; call after is_valid()."""
        data = self.cleaned_data
        return QueueFilters(
            tab=data.get("tab") or Tab.PENDING,
            kind=data.get("kind") or "",
            country=data.get("country") or "",
            category=data.get("category") or "",
            age=data.get("age") or "",
            has_sources={"yes": True, "no": False}.get(data.get("sources") or ""),
            order=data.get("order") or Order.NEWEST,
        )


class IdListField(forms.Field):
    """Several ids posted under one name (checkboxes)."""

    widget = forms.MultipleHiddenInput

    def to_python(self, value):
        if not value:
            return []
        try:
            return list(dict.fromkeys(int(v) for v in value))
        except (TypeError, ValueError):
            raise ValidationError(_("Choose items from the list."), code="invalid") from None


class BulkDecisionForm(forms.Form):
    """One decision for every selected row. Each row posts `version-<id>` with the version it
    was shown at, so a row someone changed since is skipped rather than overwritten."""

    APPROVE = "approve"
    REJECT = "reject"

    items = IdListField(
        label=_("Selected items"),
        error_messages={"required": _("Select at least one item.")},
    )
    action = forms.ChoiceField(
        label=_("Decision"),
        choices=[(APPROVE, _("Approve")), (REJECT, _("Reject"))],
        error_messages={"required": _("Choose approve or reject.")},
    )
    reason = forms.CharField(
        label=_("Reason for rejecting"),
        help_text=_("Required to reject. Sent to every submitter who left an email address."),
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=REASON_MAX,
        required=False,
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("action") == self.REJECT and not cleaned.get("reason", "").strip():
            self.add_error("reason", _("Give a reason for rejecting."))
        versions = {}
        for pk in cleaned.get("items") or []:
            raw = self.data.get(f"version-{pk}", "")
            if not raw.isdigit():
                raise ValidationError(
                    _("The page was incomplete; reload it and select again."), code="version"
                )
            versions[pk] = int(raw)
        cleaned["versions"] = versions
        return cleaned


class VersionForm(forms.Form):
    """What every action on one item posts: the version of the item the moderator saw."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["version"].error_messages["required"] = _(
            "The page was incomplete; reload it and try again."
        )


class RejectForm(VersionForm):
    reason = forms.CharField(
        label=_("Reason"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=REASON_MAX,
        error_messages={"required": _("Give a reason for rejecting.")},
    )


class AskForm(VersionForm):
    question = forms.CharField(
        label=_("Question"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=QUESTION_MAX,
        error_messages={"required": _("Write the question to send.")},
    )

    def __init__(self, *args, can_ask: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        self.can_ask = can_ask

    def clean(self):
        cleaned = super().clean()
        if not self.can_ask:
            raise ValidationError(
                _("The submitter left no email address, so they cannot be asked."),
                code="no_contact",
            )
        return cleaned


class MergeForm(VersionForm):
    target = forms.CharField(
        label=_("Merge into"),
        help_text=_("The address of its page, its slug, or its number."),
        max_length=500,
        error_messages={"required": _("Say what to merge into.")},
    )

    def __init__(self, *args, handler, **kwargs):
        super().__init__(*args, **kwargs)
        self.handler = handler

    def clean_target(self):
        text = self.cleaned_data["target"]
        target = self.handler.merge_target(text)
        if target is None:
            raise ValidationError(
                _("Nothing published matches “%(text)s”. Paste the address of its page."),
                params={"text": text},
                code="not_found",
            )
        self.target_object = target
        return target.pk
