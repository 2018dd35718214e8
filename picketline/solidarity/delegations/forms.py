"""Forms for delegations: the coordinators' form, and the one anyone may use to tell of one."""

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from picketline.disputes.models import Dispute
from picketline.solidarity.delegations.models import Delegation


class DelegationForm(forms.ModelForm):
    from_dispute = forms.ModelChoiceField(
        queryset=Dispute.objects.none(),
        required=False,
        label=gettext_lazy("From a dispute in the registry"),
        help_text=gettext_lazy("When the delegation came from workers who are in a dispute too."),
    )

    class Meta:
        model = Delegation
        fields = ["kind", "date", "group_name", "country", "description", "from_dispute"]
        widgets = {"date": forms.DateInput(attrs={"type": "date"})}

    def __init__(self, *args, dispute: Dispute, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.dispute = dispute
        self.fields["from_dispute"].queryset = Dispute.objects.exclude(pk=dispute.pk).only(
            "id", "title"
        )
        self.fields["from_dispute"].widget = forms.NumberInput()
        self.fields["from_dispute"].help_text = gettext_lazy(
            "Its number, from the end of its page's API address; leave empty otherwise."
        )

    def clean_country(self):
        country = self.cleaned_data["country"].strip().upper()
        if country and (len(country) != 2 or not country.isalpha()):
            raise forms.ValidationError(_("Use the two-letter country code, such as GB or ES."))
        return country

    def service_fields(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.Meta.fields}


class DelegationReportForm(DelegationForm):
    """The same fields for anyone, with a field that only bots fill in."""

    # Hidden from people; robots that fill every field give themselves away.
    website = forms.CharField(required=False, widget=forms.HiddenInput)

    class Meta(DelegationForm.Meta):
        fields = ["kind", "date", "group_name", "country", "description"]

    def __init__(self, *args, dispute: Dispute, **kwargs):
        super().__init__(*args, dispute=dispute, **kwargs)
        self.fields["website"].widget.attrs["autocomplete"] = "off"

    def is_from_a_robot(self) -> bool:
        return bool(self.data.get("website"))
