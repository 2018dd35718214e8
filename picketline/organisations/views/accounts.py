"""Organisations' accounts: moderators verify unions and invite account holders (the
organisers of any organisation but an employer), who may invite one another; a verified
union's holders publish without moderation.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from picketline.accounts.decorators import moderator_required, two_factor_verified_required
from picketline.accounts.roles import is_moderator
from picketline.core.pages import remove_or_confirm, save_or_show
from picketline.organisations import services
from picketline.organisations.chapters.selectors import chapter_requests_pending, chapters_of
from picketline.organisations.invitations import services as invitations
from picketline.organisations.invitations.forms import InviteForm
from picketline.organisations.invitations.selectors import invitations_pending
from picketline.organisations.roles import ACCOUNT_HOLDER
from picketline.organisations.selectors import organisation_get_for_user, unions_for_moderators

GET_POST = require_http_methods(["GET", "POST"])


@never_cache
@require_http_methods(["GET"])
@moderator_required
def organisations(request):
    q = request.GET.get("q", "").strip()[:100]
    verified = {"yes": True, "no": False}.get(request.GET.get("verified", ""))
    paginator = Paginator(unions_for_moderators(q=q, verified=verified), 50)
    page = paginator.get_page(request.GET.get("page"))
    return render(
        request,
        "organisations/manage_list.html",
        {"page": page, "q": q, "verified": request.GET.get("verified", "")},
    )


def _organisation(request, slug):
    return organisation_get_for_user(user=request.user, slug=slug)


def _organisation_url(organisation) -> str:
    return organisation.get_manage_url()


@never_cache
@require_http_methods(["GET"])
@two_factor_verified_required
def organisation(request, slug):
    organisation = _organisation(request, slug)
    return _organisation_page(request, organisation, InviteForm())


def _organisation_page(request, organisation, invite_form, status=200):
    return render(
        request,
        "organisations/manage.html",
        {
            "organisation": organisation,
            "holders": list(organisation.coordinators.order_by("username")),
            "invitations": list(
                invitations_pending(role=ACCOUNT_HOLDER, target=organisation).order_by("created_at")
            ),
            "invite_form": invite_form,
            "is_moderator": is_moderator(request.user),
            "is_union": organisation.kind == organisation.Kind.UNION,
            "is_group": not organisation.is_employer,
            "chapters": list(chapters_of(organisation)),
            "pending_requests": chapter_requests_pending(organisation).count(),
        },
        status=status,
    )


@require_POST
@moderator_required
def organisation_verify(request, slug):
    organisation = _organisation(request, slug)
    try:
        services.organisation_verify(organisation=organisation, by=request.user)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("%(name)s is verified now.") % {"name": organisation.name})
    return redirect(_organisation_url(organisation))


@require_POST
@moderator_required
def organisation_unverify(request, slug):
    organisation = _organisation(request, slug)
    services.organisation_unverify(organisation=organisation, by=request.user)
    messages.success(request, _("%(name)s is no longer verified.") % {"name": organisation.name})
    return redirect(_organisation_url(organisation))


@require_POST
@two_factor_verified_required
def organisation_invite(request, slug):
    organisation = _organisation(request, slug)
    form = InviteForm(request.POST)
    return save_or_show(
        request,
        form,
        save=lambda data: invitations.invitation_create(
            role=ACCOUNT_HOLDER, target=organisation, email=data["email"], by=request.user
        )[0],
        done=InviteForm.sent_message,
        back=_organisation_url(organisation),
        show=lambda: _organisation_page(request, organisation, form, status=400),
    )


@GET_POST
@two_factor_verified_required
def organisation_invitation_revoke(request, slug, pk):
    organisation = _organisation(request, slug)
    invitation = get_object_or_404(
        invitations_pending(role=ACCOUNT_HOLDER, target=organisation), pk=pk
    )
    return remove_or_confirm(
        request,
        remove=lambda: invitations.invitation_revoke(invitation=invitation, by=request.user),
        done=_("The invitation has been withdrawn."),
        back=_organisation_url(organisation),
        title=_("Withdraw an invitation"),
        question=_("Withdraw the invitation sent to %(email)s?") % {"email": invitation.email},
        detail=_("The link in the email will stop working."),
        submit=_("Withdraw the invitation"),
    )


@GET_POST
@two_factor_verified_required
def organisation_holder_remove(request, slug, user_id):
    organisation = _organisation(request, slug)
    person = get_object_or_404(organisation.coordinators, pk=user_id)
    name = person.get_username()
    leaving = person.pk == request.user.pk and not is_moderator(request.user)
    return remove_or_confirm(
        request,
        remove=lambda: services.account_holder_remove(
            organisation=organisation, user=person, by=request.user
        ),
        done=_("%(name)s no longer holds this account.") % {"name": name},
        back=_organisation_url(organisation),
        then=reverse("manage:mine") if leaving else None,
        title=_("Remove an account holder"),
        question=_("Remove %(name)s from the account holders of %(organisation)s?")
        % {"name": name, "organisation": organisation.name},
        submit=_("Remove"),
    )
