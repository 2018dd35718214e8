"""Forms for funds, ledger entries and pledges. Amounts are typed in major units ("1,234.50")
and handed to services in minor units, parsed exactly for the fund's currency."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from picketline.core.forms import HONEYPOT, HoneypotForm
from picketline.solidarity.funds.models import (
    EntryKind,
    Fund,
    FundKind,
    LedgerEntry,
    PledgeRecurrence,
)
from picketline.solidarity.funds.money import (
    CURRENCY_CHOICES,
    amount_input,
    check_currency,
    parse_amount,
)


def _amount_field(label, *, required=True, help_text=""):
    return forms.CharField(
        label=label,
        required=required,
        max_length=32,
        help_text=help_text,
        widget=forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"}),
    )


class FundForm(forms.Form):
    name = forms.CharField(label=_("Name of the fund"), max_length=200)
    kind = forms.ChoiceField(label=_("Kind"), choices=FundKind.choices)
    currency = forms.ChoiceField(
        label=_("Currency"),
        choices=CURRENCY_CHOICES,
        initial="GBP",
        help_text=_("Totals are kept in each currency separately and never converted."),
    )
    target = _amount_field(
        _("Target"), required=False, help_text=_("Optional. In the fund's currency, e.g. 5,000.")
    )
    donation_url = forms.URLField(
        label=_("Donation link"),
        required=False,
        assume_scheme="https",
        max_length=Fund._meta.get_field("donation_url").max_length,
    )
    bank_details = forms.CharField(
        label=_("Bank details"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "Give a donation link, bank details, or both. A moderator checks them before the "
            "fund is shown, and again whenever they change."
        ),
    )

    def __init__(self, *args, fund: Fund | None = None, **kwargs):
        if fund is not None and "initial" not in kwargs:
            kwargs["initial"] = {
                "name": fund.name,
                "kind": fund.kind,
                "currency": fund.currency,
                "target": (
                    amount_input(fund.target_minor, fund.currency) if fund.target_minor else ""
                ),
                "donation_url": fund.donation_url,
                "bank_details": fund.bank_details,
            }
        super().__init__(*args, **kwargs)

    def clean(self):
        cleaned = super().clean()
        currency = cleaned.get("currency")
        target = (self.data.get(self.add_prefix("target")) or "").strip()
        cleaned["target_minor"] = None
        if currency and target:
            try:
                cleaned["target_minor"] = parse_amount(target, check_currency(currency))
            except ValidationError as error:
                self.add_error("target", error)
        how_to_give = cleaned.get("donation_url") or (cleaned.get("bank_details") or "").strip()
        if not how_to_give and "donation_url" not in self.errors:
            self.add_error("donation_url", _("Give a donation link, bank details, or both."))
        return cleaned

    def service_fields(self) -> dict:
        data = self.cleaned_data
        return {
            "name": data["name"].strip(),
            "kind": data["kind"],
            "currency": data["currency"],
            "target_minor": data["target_minor"],
            "donation_url": data["donation_url"],
            "bank_details": data["bank_details"].strip(),
        }


class EntryForm(forms.Form):
    date = forms.DateField(label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}))
    kind = forms.ChoiceField(
        label=_("Kind"),
        choices=[(v, label) for v, label in EntryKind.choices if v != EntryKind.REVERSAL],
    )
    amount = _amount_field(
        _("Amount"),
        help_text=_("Type the amount without a sign: a disbursement is recorded as money out."),
    )
    note = forms.CharField(
        label=_("Note"),
        required=False,
        max_length=LedgerEntry._meta.get_field("note").max_length,
        help_text=_("Shown publicly. Do not name the people who gave or received money."),
    )

    def __init__(self, *args, currency: str, **kwargs):
        kwargs.setdefault("initial", {"date": timezone.localdate()})
        super().__init__(*args, **kwargs)
        self.currency = currency
        self.fields["amount"].label = _("Amount in %(currency)s") % {"currency": currency}

    def clean_amount(self):
        return parse_amount(self.cleaned_data["amount"], self.currency)

    def clean_date(self):
        date = self.cleaned_data["date"]
        if date > timezone.localdate():
            raise ValidationError(_("The date cannot be in the future."), code="future")
        return date

    def service_fields(self) -> dict:
        data = self.cleaned_data
        return {
            "date": data["date"],
            "kind": data["kind"],
            "amount_minor": data["amount"],
            "note": data["note"],
        }


class ReverseForm(forms.Form):
    reason = forms.CharField(
        label=_("Why is this entry wrong?"),
        max_length=LedgerEntry._meta.get_field("reason").max_length,
        help_text=_("Shown publicly beside the correction."),
    )

    def clean_reason(self):
        reason = self.cleaned_data["reason"].strip()
        if not reason:
            raise ValidationError(self.fields["reason"].error_messages["required"], code="required")
        return reason

    def service_fields(self) -> dict:
        return {"reason": self.cleaned_data["reason"]}


class ReceivedForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("How it arrived"),
        choices=[
            (v, label)
            for v, label in EntryKind.choices
            if v not in (EntryKind.DISBURSEMENT, EntryKind.REVERSAL)
        ],
        initial=EntryKind.ONLINE,
        required=False,
    )

    def clean_kind(self):
        return self.cleaned_data["kind"] or EntryKind.ONLINE


class PledgeForm(HoneypotForm):
    refused_message = _("Your pledge could not be sent. Please try again later.")

    amount = _amount_field(_("Amount"))
    recurrence = forms.ChoiceField(
        label=_("How often"),
        choices=PledgeRecurrence.choices,
        initial=PledgeRecurrence.ONCE,
        widget=forms.RadioSelect,
    )
    name = forms.CharField(
        label=_("Your name"),
        required=False,
        max_length=100,
        help_text=_("Only the strike committee sees it. Leave empty to stay anonymous."),
    )
    email = forms.EmailField(
        label=_("Your email"),
        required=False,
        help_text=_(
            "Optional. We send you a thank-you with a private link to cancel, and a monthly "
            "reminder for a monthly pledge. Only the strike committee sees it; it is never "
            "published and never passed on."
        ),
    )

    def __init__(self, *args, currency: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.currency = currency
        self.fields["amount"].label = _("Amount in %(currency)s") % {"currency": currency}

    def clean_amount(self):
        return parse_amount(self.cleaned_data["amount"], self.currency)

    def visible_fields(self):
        return [field for field in super().visible_fields() if field.name != HONEYPOT]

    def service_fields(self) -> dict:
        data = self.cleaned_data
        return {
            "amount_minor": data["amount"],
            "recurrence": data["recurrence"],
            "name": data["name"],
            "email": data["email"],
        }
