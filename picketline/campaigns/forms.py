"""Forms of the campaigns' pages: the list's filters, a campaign (made by moderators, kept by
its coordinators), its disputes, its common demands with their translations, one cell of the
matrix and the invitation of a coordinator."""

from django import forms
from django.utils.translation import gettext_lazy as _

from picketline.campaigns.choices import CampaignStatus, DemandStatus
from picketline.campaigns.models import Campaign, CommonDemand, DemandAdoption, EmployerGroup
from picketline.core.i18n import content_languages, is_right_to_left
from picketline.core.templatetags.display_tags import isolate
from picketline.disputes.choices import Sector
from picketline.disputes.models import Dispute
from picketline.organisations.forms import clean_country
from picketline.organisations.models import Organisation


class CampaignFilterForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Status"), choices=[("", _("Any")), *CampaignStatus.choices], required=False
    )
    sector = forms.ChoiceField(
        label=_("Sector"), choices=[("", _("Any")), *Sector.choices], required=False
    )
    country = forms.CharField(
        label=_("Country"),
        help_text=_("A two-letter country code, such as DE: campaigns with a dispute there."),
        required=False,
        max_length=20,
    )
    q = forms.CharField(
        label=_("Search"),
        help_text=_("Words in the title or summary."),
        required=False,
        max_length=200,
    )

    def clean_country(self):
        return clean_country(self.cleaned_data["country"])


class CampaignForm(forms.Form):
    title = forms.CharField(
        label=_("Title"), max_length=200, widget=forms.TextInput(attrs={"dir": "auto"})
    )
    summary = forms.CharField(
        label=_("Summary"),
        max_length=4000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 6, "dir": "auto"}),
    )
    language = forms.ChoiceField(
        label=_("Language of the title and summary"), choices=content_languages
    )
    status = forms.ChoiceField(label=_("Status"), choices=CampaignStatus.choices)
    sectors = forms.MultipleChoiceField(
        label=_("Sectors"),
        choices=Sector.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    organisations = forms.ModelMultipleChoiceField(
        label=_("Participating organisations"),
        queryset=Organisation.objects.none(),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 8}),
    )
    targets = forms.ModelMultipleChoiceField(
        label=_("Target companies"),
        queryset=EmployerGroup.objects.none(),
        required=False,
        help_text=_("Company groups: a parent company and its subsidiaries."),
        widget=forms.SelectMultiple(attrs={"size": 5}),
    )

    def __init__(self, *args, campaign: Campaign | None = None, **kwargs):
        if campaign is not None and "initial" not in kwargs:
            kwargs["initial"] = {
                "title": campaign.title,
                "summary": campaign.summary,
                "language": campaign.language,
                "status": campaign.status,
                "sectors": list(campaign.sectors.values_list("sector", flat=True)),
                "organisations": list(campaign.organisations.values_list("pk", flat=True)),
                "targets": list(campaign.targets.values_list("pk", flat=True)),
            }
        super().__init__(*args, **kwargs)
        self.fields["organisations"].queryset = Organisation.objects.exclude(
            kind=Organisation.Kind.EMPLOYER
        ).order_by("name", "id")
        self.fields["targets"].queryset = EmployerGroup.objects.order_by("name", "id")

    def service_fields(self) -> dict:
        data = self.cleaned_data
        return {
            "title": data["title"],
            "summary": data["summary"],
            "language": data["language"],
            "status": data["status"],
            "sectors": data["sectors"],
            "organisations": list(data["organisations"]),
            "targets": list(data["targets"]),
        }


class DisputeAddForm(forms.Form):
    dispute = forms.CharField(
        label=_("Dispute"),
        max_length=220,
        help_text=_("The address of its page, or its slug: /disputes/<slug>/."),
    )

    def clean_dispute(self):
        value = self.cleaned_data["dispute"].strip().rstrip("/")
        slug = value.rsplit("/", 1)[-1]
        dispute = Dispute.objects.filter(slug=slug).first()
        if dispute is None:
            raise forms.ValidationError(_("No dispute has this address."))
        return dispute


class CommonDemandForm(forms.Form):
    """A common demand as written and its translations: a field for each of the languages
    content is written in (CONTENT_LANGUAGES), each marked with its language and direction so
    the browser picks the right script, keyboard and order."""

    text = forms.CharField(
        label=_("The demand"), max_length=500, widget=forms.TextInput(attrs={"dir": "auto"})
    )
    language = forms.ChoiceField(label=_("Written in"), choices=content_languages)
    position = forms.IntegerField(
        label=_("Order"), min_value=1, max_value=100, initial=1, help_text=_("1 comes first.")
    )

    def __init__(self, *args, demand: CommonDemand | None = None, **kwargs):
        if demand is not None and "initial" not in kwargs:
            initial = {"text": demand.text, "language": demand.language}
            initial["position"] = demand.position
            for translation in demand.translations.all():
                initial[f"text_{translation.language}"] = translation.text
            kwargs["initial"] = initial
        super().__init__(*args, **kwargs)
        for code, name in content_languages():
            self.fields[f"text_{code}"] = forms.CharField(
                # The name isolated, so "فارسی" keeps its own order in an English label.
                label=_("In %(language)s") % {"language": isolate(name)},
                max_length=500,
                required=False,
                widget=forms.TextInput(
                    attrs={"lang": code, "dir": "rtl" if is_right_to_left(code) else "ltr"}
                ),
            )

    @property
    def demand_fields(self) -> list:
        return [self[name] for name in ("text", "language", "position")]

    @property
    def translation_fields(self) -> list:
        return [self[f"text_{code}"] for code, _name in content_languages()]

    @property
    def has_translations(self) -> bool:
        """Whether the "Other languages" group opens: something is in it, or wrong in it."""
        return any(field.value() or field.errors for field in self.translation_fields)

    def service_fields(self) -> dict:
        data = self.cleaned_data
        return {
            "text": data["text"],
            "language": data["language"],
            "position": data["position"],
            "translations": {code: data[f"text_{code}"] for code, _name in content_languages()},
        }


class AdoptionForm(forms.Form):
    """One cell of the matrix: adopted or not, and where an adopted demand stands."""

    adopted = forms.BooleanField(label=_("Adopted by this workplace"), required=False)
    status = forms.ChoiceField(
        label=_("Where it stands"),
        choices=[("", _("None (not adopted)")), *DemandStatus.choices],
        required=False,
    )
    date = forms.DateField(
        label=_("Date"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    source_url = forms.URLField(
        label=_("Source"), max_length=1000, required=False, help_text=_("A link that shows it.")
    )

    def __init__(self, *args, adoption: DemandAdoption | None = None, **kwargs):
        if adoption is not None and "initial" not in kwargs:
            kwargs["initial"] = {
                "adopted": adoption.adopted,
                "status": adoption.status,
                "date": adoption.date,
                "source_url": adoption.source_url,
            }
        super().__init__(*args, **kwargs)

    def clean(self):
        data = super().clean()
        if data.get("adopted") and not data.get("status"):
            self.add_error("status", _("Say where the adopted demand stands."))
        if not data.get("adopted") and (data.get("status") or data.get("date")):
            self.add_error("adopted", _("A demand that is not adopted has no status and no date."))
        return data


class InviteForm(forms.Form):
    email = forms.EmailField(label=_("Their email"))
