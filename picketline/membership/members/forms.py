"""Forms of membership: joining, adding someone met at a stall, the roster's filters, a
message to a segment, recording that someone left."""

from django import forms
from django.utils.translation import gettext_lazy as _

from picketline.core.forms import HoneypotForm
from picketline.core.money import parse_amount
from picketline.membership.dues.selectors import plan_label, plans_offered
from picketline.membership.dues.standing import Standing
from picketline.membership.members.models import MembershipStatus
from picketline.membership.members.selectors import RosterFilters
from picketline.places.near import NearError, near_resolve


class PlanChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return plan_label(obj)


class _PlanFields(forms.Form):
    """A dues plan, and on a sliding scale the amount chosen."""

    plan = PlanChoiceField(
        label=_("Dues"), queryset=None, required=False, widget=forms.RadioSelect, empty_label=None
    )
    amount = forms.CharField(
        label=_("What you will pay each period (sliding scale only)"),
        max_length=20,
        required=False,
        help_text=_("At least the plan's amount. Leave empty to pay the plan's amount."),
    )

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.organisation = organisation
        self.fields["plan"].queryset = plans_offered(organisation=organisation)
        if not self.fields["plan"].queryset.exists():
            del self.fields["plan"]
            del self.fields["amount"]
        else:
            self.fields["plan"].required = True

    def clean_amount(self):
        text = self.cleaned_data.get("amount", "").strip()
        plan = self.cleaned_data.get("plan")
        if not text or plan is None or plan.kind != "sliding":
            return None
        return parse_amount(text, plan.currency)

    def plan_fields(self) -> dict:
        return {
            "plan": self.cleaned_data.get("plan"),
            "amount_minor": self.cleaned_data.get("amount"),
        }


class JoinForm(_PlanFields, HoneypotForm):
    name = forms.CharField(
        label=_("Your name"),
        max_length=100,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    email = forms.EmailField(
        label=_("Your email"),
        max_length=254,
        help_text=_("We send a link to confirm that you are joining. Never shown publicly."),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    place = forms.CharField(
        label=_("Where you live or work"),
        max_length=200,
        help_text=_("A town or city: we suggest the nearest chapter."),
        widget=forms.TextInput(attrs={"autocomplete": "address-level2"}),
    )
    chapter = forms.ModelChoiceField(
        label=_("Chapter"),
        queryset=None,
        required=False,
        empty_label=_("The nearest to my place"),
    )
    agree = forms.BooleanField(label=_("I agree with the organisation's demands."))
    consent = forms.BooleanField(
        label=_(
            "I consent to the organisation keeping my membership and emailing me about it. "
            "Only my chapter's organisers and the organisation's officers see it."
        )
    )
    field_order = ["name", "email", "place", "chapter", "plan", "amount", "agree", "consent"]

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, organisation=organisation, **kwargs)
        chapters = organisation.chapters.order_by("name")
        self.fields["chapter"].queryset = chapters
        if not chapters.exists():
            del self.fields["chapter"]
        self.point = None

    def clean(self):
        cleaned = super().clean()
        place = cleaned.get("place", "")
        if place:
            try:
                self.point = near_resolve(place).point
            except NearError as error:
                if not cleaned.get("chapter"):
                    self.add_error("place", error.message)
        return cleaned

    def join_fields(self) -> dict:
        data = self.cleaned_data
        return {
            "name": data["name"],
            "email": data["email"],
            "place_name": data["place"],
            "point": self.point,
            "chapter": data.get("chapter"),
            "agree": data["agree"],
            "consent": data["consent"],
            **self.plan_fields(),
        }


class StallForm(_PlanFields):
    name = forms.CharField(label=_("Name"), max_length=100)
    email = forms.EmailField(label=_("Email"), max_length=254)
    place = forms.CharField(label=_("Place"), max_length=200, required=False)
    chapter = forms.ModelChoiceField(label=_("Chapter"), queryset=None, required=False)
    vouch = forms.BooleanField(
        label=_(
            "They agreed with the demands and consented to their membership being kept and "
            "to emails about it."
        )
    )
    field_order = ["name", "email", "place", "chapter", "plan", "amount", "vouch"]

    def __init__(self, *args, chapters, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["chapter"].queryset = chapters


STANDING_CHOICES = [("", _("Any standing")), *Standing.choices]
STATUS_CHOICES = [
    (MembershipStatus.ACTIVE, _("Members")),
    (MembershipStatus.PENDING, _("Not yet confirmed")),
    (MembershipStatus.LEFT, _("Left")),
]


class RosterFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), max_length=100, required=False)
    chapter = forms.ModelChoiceField(
        label=_("Chapter"), queryset=None, required=False, empty_label=_("All my chapters")
    )
    standing = forms.ChoiceField(label=_("Standing"), choices=STANDING_CHOICES, required=False)
    status = forms.ChoiceField(label=_("Status"), choices=STATUS_CHOICES, required=False)

    def __init__(self, *args, chapters, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["chapter"].queryset = chapters

    def filters(self) -> RosterFilters:
        if not self.is_valid():
            return RosterFilters()
        data = self.cleaned_data
        return RosterFilters(
            chapter=data["chapter"].pk if data.get("chapter") else None,
            standing=data.get("standing") or "",
            status=data.get("status") or MembershipStatus.ACTIVE,
            q=data.get("q") or "",
        )


class MessageForm(forms.Form):
    subject = forms.CharField(label=_("Subject"), max_length=150)
    body = forms.CharField(label=_("Message"), max_length=10_000, widget=forms.Textarea)


class LeftForm(forms.Form):
    reason = forms.CharField(label=_("Note (optional)"), max_length=300, required=False)


class MemberChangeForm(_PlanFields):
    """An organiser moves a member to another chapter or dues plan."""

    chapter = forms.ModelChoiceField(
        label=_("Chapter"), queryset=None, required=False, empty_label=_("No chapter")
    )
    field_order = ["chapter", "plan", "amount"]

    def __init__(self, *args, chapters, chapter_required: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["chapter"].queryset = chapters
        self.fields["chapter"].required = chapter_required
        if chapter_required:
            self.fields["chapter"].empty_label = None
