"""The coordinators' page of a dispute (for its coordinators and moderators): its fields, the
list of its parts, and the people who keep it true.

Every page loads its dispute through `dispute_get_for_user(..., write=True)`, and every
invitation or coordinator through that dispute, so an id from another dispute is a 404 here.
The parts' own pages are in `parts.py`.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from picketline.accounts.decorators import two_factor_verified_required
from picketline.accounts.roles import is_moderator
from picketline.core.conflicts import EditConflict
from picketline.core.forms import add_validation_error
from picketline.core.pages import save_or_show
from picketline.disputes import services
from picketline.disputes.coordinators import services as coordinators
from picketline.disputes.coordinators.forms import DisputeForm
from picketline.disputes.coordinators.roles import COORDINATOR
from picketline.disputes.coordinators.selectors import dispute_dashboard, disputes_coordinated_by
from picketline.disputes.coordinators.views.pages import (
    GET_POST,
    confirm_page,
    manage_url,
    managed_dispute,
    remove_or_confirm,
    section_form,
)
from picketline.disputes.hooks import MANAGE, dispute_sections
from picketline.disputes.models import Dispute
from picketline.organisations.invitations import services as invitations
from picketline.organisations.invitations.forms import InviteForm
from picketline.organisations.invitations.selectors import invitations_pending

INVITE_INTRO = gettext_lazy(
    "Coordinators can change everything on this page, invite others and see the "
    "contact details people shared. Invite only people you trust with that."
)

# --- the dashboard ---------------------------------------------------------------------------


def _dispute_save(request, dispute: Dispute, form: DisputeForm) -> int | None:
    """Saves a posted form through `dispute_update`; None when saved, else the page's status:
    409 when someone else changed the dispute since the form was opened, 400 otherwise."""
    if not form.is_valid():
        return 400
    data = form.cleaned_data
    try:
        services.dispute_update(
            dispute=dispute,
            user=request.user,
            version=data["version"],
            demands=data["demands"],
            **form.service_fields(),
        )
    except EditConflict as conflict:
        form.add_error(None, conflict.message)
        return 409
    except ValidationError as error:
        add_validation_error(form, error)
        return 400
    return None


@never_cache
@GET_POST
@two_factor_verified_required
def dispute_manage(request, slug):
    dispute = managed_dispute(request, slug)
    moderator = is_moderator(request.user)
    form = DisputeForm(request.POST or None, instance=dispute, can_verify=moderator)
    status = 200
    if request.method == "POST":
        status = _dispute_save(request, dispute, form)
        if status is None:
            messages.success(request, _("The dispute has been saved."))
            return redirect(manage_url(dispute))
        dispute = Dispute.objects.get(pk=dispute.pk)  # as it is now, beside what was posted
    context = _dashboard_context(request, dispute, form, moderator=moderator)
    context["conflict"] = status == 409
    return render(request, "disputes/manage/dispute.html", context, status=status)


def _dashboard_context(request, dispute: Dispute, form, *, moderator: bool) -> dict:
    return {
        **dispute_dashboard(dispute=dispute),
        "dispute": dispute,
        "form": form,
        "is_moderator": moderator,
        "invite_form": InviteForm(),
        "sections": dispute_sections(request=request, dispute=dispute, page=MANAGE),
    }


@never_cache
@require_http_methods(["GET"])
@two_factor_verified_required
def my_disputes(request):
    disputes = list(disputes_coordinated_by(user=request.user))
    return render(request, "disputes/manage/mine.html", {"disputes": disputes})


# --- coordinators and invitations ------------------------------------------------------------


@GET_POST
@two_factor_verified_required
def invite(request, slug):
    dispute = managed_dispute(request, slug)
    form = InviteForm(request.POST or None)
    return save_or_show(
        request,
        form,
        save=lambda data: invitations.invitation_create(
            role=COORDINATOR, target=dispute, email=data["email"], by=request.user
        )[0],
        done=InviteForm.sent_message,
        back=manage_url(dispute, "coordinators"),
        show=lambda: section_form(
            request,
            dispute,
            form,
            "coordinators",
            _("Invite a coordinator"),
            _("Send the invitation"),
            intro=INVITE_INTRO,
        ),
    )


@GET_POST
@two_factor_verified_required
def invitation_revoke(request, slug, pk):
    dispute = managed_dispute(request, slug)
    invitation = get_object_or_404(invitations_pending(role=COORDINATOR, target=dispute), pk=pk)
    return remove_or_confirm(
        request,
        dispute,
        remove=lambda: invitations.invitation_revoke(invitation=invitation, by=request.user),
        done=_("The invitation has been withdrawn."),
        back=manage_url(dispute, "coordinators"),
        title=_("Withdraw an invitation"),
        question=_("Withdraw the invitation sent to %(email)s?") % {"email": invitation.email},
        detail=_("The link in the email will stop working."),
        submit=_("Withdraw the invitation"),
    )


def _coordinator_removed(request, dispute: Dispute, person):
    """Takes `person` off the coordinators and says so; someone who left goes to their list."""
    try:
        coordinators.coordinator_remove(dispute=dispute, user=person, by=request.user)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
        return redirect(manage_url(dispute, "coordinators"))
    if person.pk == request.user.pk and not is_moderator(request.user):
        messages.success(request, _("You are no longer a coordinator of this dispute."))
        return redirect("manage:mine")
    name = person.get_username()
    messages.success(request, _("%(name)s is no longer a coordinator.") % {"name": name})
    return redirect(manage_url(dispute, "coordinators"))


@GET_POST
@two_factor_verified_required
def coordinator_remove(request, slug, user_id):
    dispute = managed_dispute(request, slug)
    person = get_object_or_404(dispute.coordinators, pk=user_id)
    if request.method == "POST":
        return _coordinator_removed(request, dispute, person)
    name = person.get_username()
    return confirm_page(
        request,
        dispute,
        title=_("Remove a coordinator"),
        question=(
            _("Stop coordinating this dispute?")
            if person.pk == request.user.pk
            else _("Remove %(name)s from the coordinators?") % {"name": name}
        ),
        detail=_("They can be invited again later."),
        submit=_("Remove"),
        back=manage_url(dispute, "coordinators"),
    )
