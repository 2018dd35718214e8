"""A chapter's organisers' page: change the chapter, invite organisers by email, withdraw an
invitation, remove an organiser. Open to the chapter's organisers, its organisation's
organisers and moderators, through `chapter_get_for_user`, with two factors."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from picketline.accounts.decorators import two_factor_verified_required
from picketline.core.forms import add_validation_error
from picketline.core.http import private_page
from picketline.core.pages import remove_or_confirm
from picketline.organisations.chapters import services
from picketline.organisations.chapters.forms import ChapterForm
from picketline.organisations.chapters.roles import CHAPTER_ORGANISER
from picketline.organisations.chapters.selectors import chapter_get_for_user
from picketline.organisations.invitations import services as invitations
from picketline.organisations.invitations.forms import InviteForm
from picketline.organisations.invitations.selectors import invitations_pending

GET_POST = require_http_methods(["GET", "POST"])


def _chapter(request, slug, chapter):
    return chapter_get_for_user(user=request.user, organisation_slug=slug, slug=chapter)


def _page(request, chapter, *, form=None, invite_form=None, status=200):
    context = {
        "organisation": chapter.organisation,
        "chapter": chapter,
        "form": form or ChapterForm(chapter=chapter),
        "invite_form": invite_form or InviteForm(),
        "organisers": list(chapter.organisers.order_by("username")),
        "invitations": list(
            invitations_pending(role=CHAPTER_ORGANISER, target=chapter).order_by("created_at")
        ),
    }
    response = render(request, "organisations/manage/chapter.html", context, status=status)
    return private_page(response)


@never_cache
@GET_POST
@two_factor_verified_required
def chapter_manage(request, slug, chapter):
    chapter = _chapter(request, slug, chapter)
    if request.method != "POST":
        return _page(request, chapter)
    form = ChapterForm(request.POST, chapter=chapter)
    if form.is_valid():
        try:
            services.chapter_update(chapter=chapter, by=request.user, **form.service_fields())
        except ValidationError as error:
            add_validation_error(form, error)
        else:
            messages.success(request, _("The chapter is saved."))
            return redirect(chapter.get_manage_url())
    return _page(request, chapter, form=form, status=400)


@require_POST
@two_factor_verified_required
def chapter_invite(request, slug, chapter):
    chapter = _chapter(request, slug, chapter)
    form = InviteForm(request.POST)
    if form.is_valid():
        try:
            invitation, _raw = services.chapter_organiser_invite(
                chapter=chapter, email=form.cleaned_data["email"], by=request.user
            )
        except ValidationError as error:
            add_validation_error(form, error)
        else:
            messages.success(request, InviteForm.sent_message(invitation))
            return redirect(chapter.get_manage_url())
    return _page(request, chapter, invite_form=form, status=400)


@GET_POST
@two_factor_verified_required
def chapter_invitation_revoke(request, slug, chapter, pk):
    chapter = _chapter(request, slug, chapter)
    invitation = get_object_or_404(
        invitations_pending(role=CHAPTER_ORGANISER, target=chapter), pk=pk
    )
    return remove_or_confirm(
        request,
        remove=lambda: invitations.invitation_revoke(invitation=invitation, by=request.user),
        done=_("The invitation has been withdrawn."),
        back=chapter.get_manage_url(),
        title=_("Withdraw an invitation"),
        question=_("Withdraw the invitation sent to %(email)s?") % {"email": invitation.email},
        detail=_("The link in the email will stop working."),
        submit=_("Withdraw the invitation"),
    )


@GET_POST
@two_factor_verified_required
def chapter_organiser_remove(request, slug, chapter, user_id):
    chapter = _chapter(request, slug, chapter)
    person = get_object_or_404(chapter.organisers, pk=user_id)
    name = person.get_username()
    leaving = person.pk == request.user.pk
    return remove_or_confirm(
        request,
        remove=lambda: services.chapter_organiser_remove(
            chapter=chapter, user=person, by=request.user
        ),
        done=_("%(name)s no longer organises this chapter.") % {"name": name},
        back=chapter.get_manage_url(),
        then=chapter.get_absolute_url() if leaving else None,
        title=_("Remove an organiser"),
        question=_("Remove %(name)s from the organisers of %(chapter)s?")
        % {"name": name, "chapter": chapter.name},
        submit=_("Remove"),
    )
