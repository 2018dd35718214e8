"""The organiser's form for a new ballot, and the voter's form."""

import csv
import io

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from picketline.ballots.models import ElectorateKind, Threshold
from picketline.ballots.services import MAX_OPTIONS, ListedVoter
from picketline.core.times import TIMEZONE_CHOICES, LocalDateTimeField, localize


class BallotForm(forms.Form):
    question = forms.CharField(label=_("Question"), max_length=300)
    information = forms.CharField(
        label=_("Information for voters"),
        required=False,
        max_length=20000,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("The offer itself, in full, and anything voters need to know."),
    )
    options = forms.CharField(
        label=_("Options"),
        widget=forms.Textarea(attrs={"rows": 3}),
        initial="Yes\nNo",
        help_text=_("One a line."),
    )
    max_choices = forms.IntegerField(
        label=_("How many options a voter may choose"),
        min_value=1,
        max_value=MAX_OPTIONS,
        initial=1,
    )
    timezone = forms.ChoiceField(label=_("Time zone"), choices=TIMEZONE_CHOICES)
    opens_at = LocalDateTimeField(label=_("Opens"))
    closes_at = LocalDateTimeField(label=_("Closes"))
    electorate = forms.ChoiceField(
        label=_("Who may vote"), choices=ElectorateKind.choices, widget=forms.RadioSelect
    )
    record_date = forms.DateField(
        label=_("Record date"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("Members in good standing at the end of this day vote."),
    )
    chapter = forms.ModelChoiceField(
        label=_("Only the members of this chapter"), queryset=None, required=False
    )
    voters = forms.CharField(
        label=_("Voters"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 6, "dir": "ltr"}),
        help_text=_(
            "For a list: one voter a line, as “email”, “email, name” or, for weighted votes, "
            "“email, name, members represented”."
        ),
    )
    weighted = forms.BooleanField(
        label=_("Weighted votes (a conference of delegates)"), required=False
    )
    quorum_percent = forms.IntegerField(
        label=_("Quorum: minimum turnout (%)"), min_value=0, max_value=100, initial=0
    )
    threshold = forms.ChoiceField(label=_("Threshold"), choices=Threshold.choices)

    def __init__(self, *args, organisation, zone: str = "UTC", **kwargs):
        kwargs.setdefault("initial", {}).setdefault("timezone", zone)
        super().__init__(*args, **kwargs)
        self.fields["chapter"].queryset = organisation.chapters.order_by("name")
        if not self.fields["chapter"].queryset.exists():
            del self.fields["chapter"]

    def clean_options(self):
        return [line.strip() for line in self.cleaned_data["options"].splitlines() if line.strip()]

    def clean_voters(self):
        text = self.cleaned_data.get("voters", "")
        listed = []
        for number, row in enumerate(csv.reader(io.StringIO(text)), start=1):
            cells = [cell.strip() for cell in row]
            if not any(cells):
                continue
            weight = 1
            if len(cells) > 2 and cells[2]:
                try:
                    weight = int(cells[2])
                except ValueError:
                    raise ValidationError(
                        _("Line %(line)d: the members represented must be a whole number."),
                        params={"line": number},
                    ) from None
            listed.append(
                ListedVoter(email=cells[0], name=cells[1] if len(cells) > 1 else "", weight=weight)
            )
        return listed

    def clean(self):
        data = super().clean()
        zone = data.get("timezone")
        for name in ("opens_at", "closes_at"):
            if data.get(name) and zone:
                try:
                    data[name] = localize(data[name], zone)
                except ValidationError as error:
                    self.add_error(name, error)
        kind = data.get("electorate")
        if kind == ElectorateKind.MEMBERS and not data.get("record_date"):
            self.add_error("record_date", _("Members vote as they stood at a record date."))
        if kind == ElectorateKind.LIST and not data.get("voters"):
            self.add_error("voters", _("Give the list of voters."))
        return data


class VoteForm(forms.Form):
    """The options as radio buttons, or as checkboxes when more than one may be chosen."""

    def __init__(self, *args, ballot, **kwargs):
        super().__init__(*args, **kwargs)
        choices = [(str(o.pk), o.label) for o in ballot.options.all()]
        if ballot.max_choices == 1:
            self.fields["choices"] = forms.ChoiceField(
                label=ballot.question, choices=choices, widget=forms.RadioSelect
            )
        else:
            self.fields["choices"] = forms.MultipleChoiceField(
                label=ballot.question,
                choices=choices,
                widget=forms.CheckboxSelectMultiple,
                help_text=_("Choose up to %(max)d.") % {"max": ballot.max_choices},
            )
        self.max_choices = ballot.max_choices

    def clean_choices(self):
        value = self.cleaned_data["choices"]
        chosen = [value] if isinstance(value, str) else list(value)
        if len(chosen) > self.max_choices:
            raise ValidationError(_("Choose at most %(max)d options.") % {"max": self.max_choices})
        return [int(pk) for pk in chosen]


class ScrutineerForm(forms.Form):
    account = forms.CharField(
        label=_("Username or email of their account"),
        max_length=254,
        help_text=_("Scrutineers see the turnout while the ballot is open, never a choice."),
    )
