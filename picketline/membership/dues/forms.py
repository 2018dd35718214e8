from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from picketline.core.money import CURRENCY_CHOICES, parse_amount
from picketline.core.times import validate_timezone
from picketline.membership.dues.models import DuesPeriod, EntryMethod, PlanKind

METHOD_CHOICES = [
    (EntryMethod.CASH, EntryMethod.CASH.label),
    (EntryMethod.BANK, EntryMethod.BANK.label),
    (EntryMethod.OTHER, EntryMethod.OTHER.label),
]


class PaymentForm(forms.Form):
    amount = forms.CharField(label=_("Amount"), max_length=20)
    method = forms.ChoiceField(label=_("How"), choices=METHOD_CHOICES)
    date = forms.DateField(
        label=_("Paid on"), widget=forms.DateInput(attrs={"type": "date"}), required=False
    )
    note = forms.CharField(label=_("Note"), max_length=300, required=False)

    def __init__(self, *args, currency: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.currency = currency
        self.fields["amount"].label = _("Amount (%(currency)s)") % {"currency": currency}

    def clean_amount(self):
        return parse_amount(self.cleaned_data["amount"], self.currency)

    def clean_date(self):
        date = self.cleaned_data.get("date")
        if date and date > timezone.localdate() + timezone.timedelta(days=1):
            raise forms.ValidationError(_("A payment cannot be recorded in the future."))
        return date

    def entry_fields(self) -> dict:
        data = self.cleaned_data
        return {
            "amount_minor": data["amount"],
            "method": data["method"],
            "paid_at": data.get("date"),
            "note": data.get("note", ""),
        }


class PlanForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=120)
    kind = forms.ChoiceField(label=_("Kind"), choices=PlanKind.choices)
    amount = forms.CharField(label=_("Amount"), max_length=20, required=False)
    currency = forms.ChoiceField(label=_("Currency"), choices=CURRENCY_CHOICES, initial="GBP")
    period = forms.ChoiceField(label=_("Period"), choices=DuesPeriod.choices)

    def clean(self):
        cleaned = super().clean()
        text = (cleaned.get("amount") or "").strip()
        cleaned["amount_minor"] = 0
        if cleaned.get("kind") != PlanKind.WAIVED and cleaned.get("currency"):
            try:
                cleaned["amount_minor"] = parse_amount(text, cleaned["currency"])
            except forms.ValidationError as error:
                self.add_error("amount", error)
        return cleaned

    def plan_fields(self) -> dict:
        data = self.cleaned_data
        return {
            "name": data["name"],
            "kind": data["kind"],
            "amount_minor": data["amount_minor"],
            "currency": data["currency"],
            "period": data["period"],
        }


class SettingsForm(forms.Form):
    timezone_name = forms.CharField(
        label=_("Time zone of dues periods"), max_length=64, validators=[validate_timezone]
    )
    grace_periods = forms.IntegerField(
        label=_("Unpaid periods before a member lapses"), min_value=0, max_value=120
    )
    drive_goal = forms.IntegerField(label=_("Membership drive goal"), min_value=0)


class BankUploadForm(forms.Form):
    statement = forms.FileField(
        label=_("Bank statement (CSV)"),
        help_text=_(
            "Columns date, amount and reference (a header row names them); currency optional. "
            "Rows are matched to members by the reference they wrote (such as M123)."
        ),
    )
