"""Appeals' pages: the public page (the message, counts by country, the reply, the sign form),
signing and confirming by the emailed link; the coordinators' pages: publishing an appeal for
a campaign or a dispute, targets, the reply, and the petition's export.

Confirming by link takes a POST behind a button: mail scanners follow every link in an email
and must not sign anything.
"""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from picketline.accounts.decorators import two_factor_verified_required
from picketline.appeals import export, selectors, services
from picketline.appeals.forms import AppealForm, ReplyForm, SignForm, TargetForm
from picketline.appeals.models import Target
from picketline.campaigns.selectors import campaign_get_public
from picketline.core.confirm_links import confirm_link_page
from picketline.core.forms import add_validation_error
from picketline.core.http import private_page, too_many_requests
from picketline.core.ratelimit import submission_rate_limited
from picketline.disputes.models import Dispute
from picketline.places.countries import country_names

GET_POST = require_http_methods(["GET", "HEAD", "POST"])


def _see_other(url: str) -> HttpResponseRedirect:
    return HttpResponseRedirect(url, status=303)


def _sign_button(appeal) -> str:
    """The HTML another site pastes to link to the sign form: a plain link, no script."""
    url = settings.SITE_URL + reverse("appeals:sign", kwargs={"key": appeal.slug})
    return render_to_string("appeals/_sign_button.html", {"appeal": appeal, "url": url}).strip()


@require_safe
def appeal_detail(request, key):
    appeal = selectors.appeal_get_public(key=key)
    counts = selectors.signature_counts(appeal)
    names = country_names([c.code for c in counts.countries])
    context = {
        "appeal": appeal,
        "owner": appeal.owner,
        "is_open": selectors.appeal_is_open(appeal),
        "counts": counts,
        "country_rows": [
            {"code": c.code, "name": names.get(c.code, c.code), "signatures": c.signatures}
            for c in counts.countries
        ],
        "targets": selectors.targets_public(appeal),
        "form": SignForm(appeal=appeal),
        "sign_button": _sign_button(appeal),
        "can_manage": request.user.is_authenticated
        and selectors.user_can_manage_appeal(request.user, appeal),
    }
    return render(request, "appeals/detail.html", context)


@GET_POST
def sign(request, key):
    appeal = selectors.appeal_get_public(key=key)
    status = 200
    if request.method == "POST":
        if submission_rate_limited(request, scope="appeal-sign"):
            return too_many_requests(request, scope="appeal-sign")
        form = SignForm(request.POST, appeal=appeal)
        if form.is_valid():
            try:
                services.signature_submit(appeal=appeal, **form.sign_fields())
            except ValidationError as error:
                add_validation_error(form, error)
            else:
                # The same page whether or not the address had signed: it reveals nothing.
                return _see_other(reverse("appeals:sign_sent", kwargs={"key": appeal.slug}))
        status = 400
    else:
        form = SignForm(appeal=appeal)
    context = {"appeal": appeal, "form": form, "is_open": selectors.appeal_is_open(appeal)}
    return render(request, "appeals/sign.html", context, status=status)


@require_safe
def sign_sent(request, key):
    appeal = selectors.appeal_get_public(key=key)
    return render(request, "appeals/sign_sent.html", {"appeal": appeal})


@GET_POST
def confirm(request, token: str):
    return confirm_link_page(
        request,
        scope="appeal-confirm",
        check=lambda: services.signature_confirm_check(raw=token),
        confirm=lambda: services.signature_confirm(raw=token),
        done=lambda signature: (
            _("Thank you: your signature counts."),
            signature.appeal.get_absolute_url(),
        ),
        template="appeals/confirm.html",
        name="signature",
    )


# --- coordinators ---------------------------------------------------------------------------


def _owner(request, kind: str, slug: str):
    if kind not in ("campaign", "dispute"):
        raise Http404(_("Appeals are published by a campaign or a dispute."))
    if kind == "campaign":
        owner = campaign_get_public(slug=slug)
    else:
        owner = get_object_or_404(Dispute.objects.all(), slug=slug)
    if not selectors.user_can_publish_for(request.user, owner):
        raise PermissionDenied
    return owner


@two_factor_verified_required
@GET_POST
def appeal_create(request, kind, slug):
    owner = _owner(request, kind, slug)
    form = AppealForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            appeal = services.appeal_create(user=request.user, **{kind: owner}, **form.cleaned_data)
        except ValidationError as error:
            add_validation_error(form, error)
        else:
            messages.success(request, _("The appeal is published. Add its targets."))
            return _see_other(appeal.get_manage_url())
    status = 400 if form.errors else 200
    context = {"form": form, "owner": owner, "appeal": None}
    return private_page(render(request, "appeals/manage/form.html", context, status=status))


@two_factor_verified_required
@GET_POST
def appeal_edit(request, key):
    appeal = selectors.appeal_get_for_user(user=request.user, key=key)
    initial = {name: getattr(appeal, name) for name in services.APPEAL_FIELDS}
    form = AppealForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.appeal_update(appeal=appeal, user=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_validation_error(form, error)
        else:
            messages.success(request, _("The appeal is saved."))
            return _see_other(appeal.get_manage_url())
    status = 400 if form.errors else 200
    context = {"form": form, "owner": appeal.owner, "appeal": appeal}
    return private_page(render(request, "appeals/manage/form.html", context, status=status))


def _manage_page(request, appeal, *, target_form=None, reply_form=None, status=200):
    counts = selectors.signature_counts(appeal)
    context = {
        "appeal": appeal,
        "owner": appeal.owner,
        "counts": counts,
        "targets": selectors.targets_for_coordinators(appeal),
        "target_form": target_form or TargetForm(),
        "reply_form": reply_form
        or ReplyForm(initial={"text": appeal.reply_text, "replied_on": appeal.reply_on}),
        "sign_button": _sign_button(appeal),
    }
    return private_page(render(request, "appeals/manage/manage.html", context, status=status))


@two_factor_verified_required
@require_safe
def manage(request, key):
    appeal = selectors.appeal_get_for_user(user=request.user, key=key)
    return _manage_page(request, appeal)


@two_factor_verified_required
@require_POST
def target_add(request, key):
    appeal = selectors.appeal_get_for_user(user=request.user, key=key)
    form = TargetForm(request.POST)
    if form.is_valid():
        try:
            services.target_add(appeal=appeal, user=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_validation_error(form, error)
        else:
            messages.success(request, _("The target is added."))
            return _see_other(appeal.get_manage_url())
    return _manage_page(request, appeal, target_form=form, status=400)


@two_factor_verified_required
@require_POST
def target_remove(request, key, pk):
    appeal = selectors.appeal_get_for_user(user=request.user, key=key)
    target = get_object_or_404(Target.objects.filter(appeal=appeal), pk=pk)
    services.target_remove(target=target, user=request.user)
    messages.success(request, _("The target is removed."))
    return _see_other(appeal.get_manage_url())


@two_factor_verified_required
@require_POST
def reply(request, key):
    appeal = selectors.appeal_get_for_user(user=request.user, key=key)
    form = ReplyForm(request.POST)
    if form.is_valid():
        try:
            services.reply_publish(
                appeal=appeal,
                text=form.cleaned_data["text"],
                replied_on=form.cleaned_data["replied_on"],
                user=request.user,
            )
        except ValidationError as error:
            add_validation_error(form, error)
        else:
            messages.success(request, _("The reply is saved."))
            return _see_other(appeal.get_manage_url())
    return _manage_page(request, appeal, reply_form=form, status=400)


@two_factor_verified_required
@require_safe
def export_csv(request, key):
    appeal = selectors.appeal_get_for_user(user=request.user, key=key)
    response = HttpResponse(export.petition_csv(appeal), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="appeal-{appeal.pk}-signatures.csv"'
    return private_page(response)


@two_factor_verified_required
@require_safe
def export_pdf(request, key):
    appeal = selectors.appeal_get_for_user(user=request.user, key=key)
    response = HttpResponse(export.petition_pdf(appeal), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="appeal-{appeal.pk}-petition.pdf"'
    return private_page(response)
