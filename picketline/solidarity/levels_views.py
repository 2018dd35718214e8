"""Coordinators record delegations; the dispute page shows the level of solidarity reached."""

from django import forms
from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from picketline.accounts.decorators import two_factor_verified_required
from picketline.core.ratelimit import submission_rate_limited
from picketline.disputes.coordinators.views.pages import GET_POST, confirm_page, form_page
from picketline.disputes.models import Dispute
from picketline.disputes.selectors import dispute_get_for_user, dispute_get_public
from picketline.solidarity.delegations import (
    delegation_add,
    delegation_remove,
    delegation_report,
)
from picketline.solidarity.models import Delegation


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


def _back(dispute: Dispute) -> str:
    return dispute_manage_url(dispute) + "#delegations"


def dispute_manage_url(dispute: Dispute) -> str:
    from django.urls import reverse

    return reverse("manage:dispute", kwargs={"slug": dispute.slug})


@GET_POST
@two_factor_verified_required
def delegation_add_view(request, slug):
    dispute = dispute_get_for_user(user=request.user, slug=slug, write=True)
    form = DelegationForm(request.POST or None, dispute=dispute)
    if request.method == "POST" and form.is_valid():
        delegation_add(dispute=dispute, user=request.user, **form.cleaned_data)
        return redirect(_back(dispute))
    return form_page(
        request,
        dispute,
        form,
        title=_("Record a delegation or visit"),
        submit=_("Record it"),
        back=_back(dispute),
    )


@GET_POST
@two_factor_verified_required
def delegation_delete_view(request, slug, pk):
    dispute = dispute_get_for_user(user=request.user, slug=slug, write=True)
    delegation = get_object_or_404(dispute.delegations, pk=pk)
    if request.method == "POST":
        delegation_remove(delegation=delegation, user=request.user)
        return redirect(_back(dispute))
    return confirm_page(
        request,
        dispute,
        title=_("Remove a delegation"),
        question=_("Remove “%(delegation)s”?") % {"delegation": delegation},
        submit=_("Remove"),
        back=_back(dispute),
    )


class DelegationReportForm(DelegationForm):
    """The same fields for anyone, with a field that only bots fill in."""

    # Hidden from people; robots that fill every field give themselves away.
    website = forms.CharField(required=False, widget=forms.HiddenInput)

    class Meta(DelegationForm.Meta):
        fields = ["kind", "date", "group_name", "country", "description"]

    def __init__(self, *args, dispute: Dispute, **kwargs):
        super().__init__(*args, dispute=dispute, **kwargs)
        self.fields["website"].widget.attrs["autocomplete"] = "off"


@GET_POST
def delegation_report_view(request, slug):
    try:
        dispute = dispute_get_public(slug=slug)
    except Dispute.DoesNotExist:
        raise Http404(_("There is no dispute at this address.")) from None
    form = DelegationReportForm(request.POST or None, dispute=dispute)
    status = None
    if request.method == "POST":
        if request.POST.get("website"):
            form.add_error(None, _("This form could not be accepted."))
            status = 400
        elif submission_rate_limited(request, scope="delegation"):
            form.add_error(None, _("Too many reports from this address. Try again later."))
            status = 429
        elif form.is_valid():
            fields = {name: form.cleaned_data[name] for name in DelegationReportForm.Meta.fields}
            delegation_report(dispute=dispute, user=request.user, **fields)
            messages.success(
                request,
                _("Thank you. A moderator will check it before it appears on this page."),
            )
            return redirect(dispute.get_absolute_url())
    return form_page(
        request,
        dispute,
        form,
        title=_("Tell us about a delegation or visit"),
        submit=_("Send"),
        back=dispute.get_absolute_url(),
        status=status,
        intro=_(
            "Did your workplace, branch or group visit this picket line, send a delegation or "
            "meet the strikers? Moderators check it before it is published."
        ),
    )
