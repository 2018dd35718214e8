"""Members' pages: joining (public), the emailed confirmation link, a member's own page
(reached by their private link: standing, paying, leaving in one click), one's memberships
in one's account, and the roster pages of organisers, admins and treasurers.

Confirming and leaving by link take a POST behind a button: mail scanners follow every link
in an email, and must neither make nor end a membership.
"""

import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from picketline.accounts.decorators import two_factor_verified_required
from picketline.core.charts import Bar, bar_chart
from picketline.core.confirm_links import LINK_PROBLEM_TEMPLATE
from picketline.core.forms import add_validation_error
from picketline.core.http import private_page, too_many_requests
from picketline.core.ratelimit import submission_rate_limited
from picketline.membership.dues.forms import PaymentForm
from picketline.membership.dues.selectors import ledger_for
from picketline.membership.dues.services import may_record_payment
from picketline.membership.members import selectors, services
from picketline.membership.members.forms import (
    JoinForm,
    LeftForm,
    MemberChangeForm,
    MessageForm,
    RosterFilterForm,
    StallForm,
)
from picketline.membership.members.models import Membership, MembershipStatus
from picketline.membership.payments.providers import provider_get, providers_available

PAGE_SIZE = 50


def _see_other(url: str) -> HttpResponseRedirect:
    return HttpResponseRedirect(url, status=303)


# --- joining ---------------------------------------------------------------------------------


@require_http_methods(["GET", "HEAD", "POST"])
def join(request, slug: str):
    organisation = selectors.organisation_get_joinable(key=slug)
    status = 200
    if request.method == "POST":
        if submission_rate_limited(request, scope="join"):
            return too_many_requests(request, scope="join")
        form = JoinForm(request.POST, organisation=organisation)
        if form.is_valid():
            try:
                services.membership_join(
                    organisation=organisation, user=request.user, **form.join_fields()
                )
            except ValidationError as error:
                add_validation_error(form, error)
            else:
                # The same page whether or not the address was a member: it reveals nothing.
                return _see_other(reverse("membership:join_sent", kwargs={"slug": slug}))
        status = 400
    else:
        initial = {"place": request.GET.get("place", "")}
        # "Join this chapter" on a chapter's page links here with the chapter's slug.
        chapter = selectors.chapter_of(organisation=organisation, slug=request.GET.get("chapter"))
        if chapter is not None:
            initial["chapter"] = chapter.pk
        form = JoinForm(organisation=organisation, initial=initial)
    context = {"organisation": organisation, "form": form}
    return render(request, "membership/join.html", context, status=status)


@require_http_methods(["GET", "HEAD"])
def join_sent(request, slug: str):
    organisation = selectors.organisation_get_joinable(key=slug)
    return render(request, "membership/join_sent.html", {"organisation": organisation})


@require_http_methods(["GET", "HEAD", "POST"])
def confirm(request, token: str):
    if request.method == "POST" and submission_rate_limited(request, scope="join-confirm"):
        return private_page(too_many_requests(request, scope="join-confirm"))
    try:
        if request.method == "POST":
            membership = services.membership_confirm(raw=token)
            url = reverse(
                "membership:mine", kwargs={"token": selectors.membership_token(membership)}
            )
            return private_page(_see_other(url + "?welcome=1"))
        membership = services.membership_confirm_check(raw=token)
    except ValidationError as error:
        status = 410 if error.code == "expired" else 404
        context = {"message": error.messages[0]}
        return private_page(render(request, LINK_PROBLEM_TEMPLATE, context, status=status))
    return private_page(render(request, "membership/confirm.html", {"membership": membership}))


@require_http_methods(["GET", "HEAD", "POST"])
def mine(request, token: str):
    """A member's own page: standing, paying dues, leaving in one click."""
    membership = selectors.membership_get_by_token(raw=token)
    if membership is None:
        context = {"message": _("This link does not work. It may have been copied incompletely.")}
        return private_page(render(request, LINK_PROBLEM_TEMPLATE, context, status=404))
    if request.method == "POST":
        if submission_rate_limited(request, scope="join-confirm"):
            return private_page(too_many_requests(request, scope="join-confirm"))
        action = request.POST.get("action")
        if action == "leave":
            services.membership_leave(membership=membership)
            return private_page(_see_other(request.path))
        if action == "pay":
            return private_page(_checkout(request, membership, token))
    return private_page(render(request, "membership/mine.html", _mine_context(membership, request)))


def _mine_context(membership: Membership, request) -> dict:
    active = membership.status == MembershipStatus.ACTIVE
    context = {
        "membership": membership,
        "welcome": request.GET.get("welcome") == "1",
        "paid": request.GET.get("paid") == "1",
        "providers": [],
    }
    if active:
        context["standing"] = selectors.membership_standing(membership)
        plan = membership.plan
        if plan is not None and not plan.is_waived and not membership.provider_subscription:
            context["providers"] = providers_available()
    return context


def _checkout(request, membership: Membership, token: str):
    provider = provider_get(request.POST.get("provider", ""))
    if (
        provider is None
        or membership.status != MembershipStatus.ACTIVE
        or membership.plan is None
        or membership.plan.is_waived
    ):
        raise Http404
    here = request.build_absolute_uri(reverse("membership:mine", kwargs={"token": token}))
    url = provider.checkout_start(
        membership=membership, success_url=here + "?paid=1", cancel_url=here
    )
    return _see_other(url)


@login_required
@require_http_methods(["GET", "HEAD"])
def my_memberships(request):
    memberships = selectors.memberships_of_user(user=request.user)
    links = [(m, selectors.membership_token(m)) for m in memberships]
    return private_page(render(request, "membership/my_memberships.html", {"links": links}))


@login_required
@require_POST
def my_membership_leave(request, pk: int):
    membership = get_object_or_404(Membership, pk=pk, user=request.user)
    services.membership_leave(membership=membership, user=request.user)
    messages.success(request, _("You have left %(name)s.") % {"name": membership.organisation.name})
    return _see_other(reverse("membership:my_memberships"))


# --- the membership drive (public: counts only) ----------------------------------------------


@require_http_methods(["GET", "HEAD"])
def drive(request, slug: str):
    organisation = selectors.organisation_get_joinable(key=slug)
    counts = selectors.membership_public_counts(organisation=organisation)
    weeks = selectors.membership_joins_by_week(organisation=organisation)
    goal = selectors.membership_settings_for(organisation).drive_goal
    week_chart = bar_chart(
        [Bar(label=w["week"].isoformat(), value=w["joins"], shown=str(w["joins"])) for w in weeks],
        title=_("Joins per week"),
    )
    chapter_chart = bar_chart(
        [
            Bar(label=c["name"], value=c["members"], shown=str(c["members"]))
            for c in counts["chapters"]
        ],
        title=_("Members per chapter"),
    )
    context = {
        "organisation": organisation,
        "counts": counts,
        "weeks": weeks,
        "goal": goal,
        "percent": min(100, round(100 * counts["members"] / goal)) if goal else None,
        "week_chart": week_chart,
        "chapter_chart": chapter_chart,
    }
    return render(request, "membership/drive.html", context)


# --- rosters ---------------------------------------------------------------------------------


@two_factor_verified_required
@require_http_methods(["GET", "HEAD"])
def roster(request, slug: str):
    access = selectors.members_access_get_for_user(user=request.user, key=slug, need="dues")
    chapters = selectors.roster_chapters(access)
    form = RosterFilterForm(request.GET or None, chapters=chapters)
    filters = form.filters()
    page = selectors.roster_page(
        access=access, filters=filters, number=request.GET.get("page"), size=PAGE_SIZE
    )
    services.roster_view_record(
        access=access, by=request.user, filters=filters, shown=len(page.object_list)
    )
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "organisation": access.organisation,
        "access": access,
        "form": form,
        "page": page,
        "query": query.urlencode(),
    }
    return private_page(render(request, "membership/roster.html", context))


@two_factor_verified_required
@require_http_methods(["GET", "HEAD"])
def roster_export(request, slug: str):
    access = selectors.members_access_get_for_user(user=request.user, key=slug)
    form = RosterFilterForm(request.GET or None, chapters=selectors.roster_chapters(access))
    text = services.roster_export(access=access, by=request.user, filters=form.filters())
    response = HttpResponse(text, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="members-{access.organisation.pk}.csv"'
    return private_page(response)


@two_factor_verified_required
@require_http_methods(["GET", "HEAD", "POST"])
def roster_message(request, slug: str):
    access = selectors.members_access_get_for_user(user=request.user, key=slug)
    chapters = selectors.roster_chapters(access)
    filter_form = RosterFilterForm(request.GET or None, chapters=chapters)
    filters = filter_form.filters()
    form = MessageForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            count = services.roster_message(
                access=access, by=request.user, filters=filters, **form.cleaned_data
            )
        except ValidationError as error:
            add_validation_error(form, error)
        else:
            messages.success(
                request, _("Your message is on its way to %(count)d members.") % {"count": count}
            )
            return _see_other(reverse("membership:roster", kwargs={"slug": slug}))
    recipients = selectors.roster(access=access, filters=filters).count()
    context = {
        "organisation": access.organisation,
        "form": form,
        "filter_form": filter_form,
        "recipients": recipients,
        "query": request.GET.urlencode(),
    }
    return private_page(render(request, "membership/message.html", context))


@two_factor_verified_required
@require_http_methods(["GET", "HEAD", "POST"])
def member_add(request, slug: str):
    access = selectors.members_access_get_for_user(user=request.user, key=slug)
    chapters = selectors.roster_chapters(access)
    form = StallForm(request.POST or None, organisation=access.organisation, chapters=chapters)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            membership = services.membership_add_at_stall(
                access=access,
                by=request.user,
                name=data["name"],
                email=data["email"],
                place_name=data.get("place", ""),
                chapter=data.get("chapter"),
                **form.plan_fields(),
            )
        except ValidationError as error:
            add_validation_error(form, error)
        else:
            messages.success(request, _("%(name)s is a member now.") % {"name": membership.name})
            return _see_other(reverse("membership:member_add", kwargs={"slug": slug}))
    context = {"organisation": access.organisation, "form": form}
    return private_page(render(request, "membership/member_add.html", context))


def _member(request, slug: str, pk: int):
    access = selectors.members_access_get_for_user(user=request.user, key=slug, need="dues")
    return access, selectors.membership_get_for_access(access=access, pk=pk)


@two_factor_verified_required
@require_http_methods(["GET", "HEAD"])
def member(request, slug: str, pk: int):
    access, membership = _member(request, slug, pk)
    return _member_page(request, access, membership)


def _member_page(request, access, membership, *, payment_form=None, status=200):
    services.member_view_record(access=access, by=request.user, membership=membership)
    context = {
        "organisation": access.organisation,
        "access": access,
        "member": selectors.membership_standing(membership),
        "entries": ledger_for(membership=membership),
        "may_pay": may_record_payment(access, membership)
        and membership.plan is not None
        and not membership.plan.is_waived,
        "payment_form": payment_form or PaymentForm(currency=_currency(membership)),
        "left_form": LeftForm(),
        "contact": access.sees_roster,
    }
    return private_page(render(request, "membership/member.html", context, status=status))


def _currency(membership: Membership) -> str:
    return membership.plan.currency if membership.plan else "EUR"


@two_factor_verified_required
@require_POST
def member_payment(request, slug: str, pk: int):
    from picketline.membership.dues import services as dues

    access, membership = _member(request, slug, pk)
    if not may_record_payment(access, membership):
        raise PermissionDenied
    form = PaymentForm(request.POST, currency=_currency(membership))
    if form.is_valid():
        try:
            dues.dues_entry_record(
                access=access, membership=membership, by=request.user, **form.entry_fields()
            )
        except ValidationError as error:
            add_validation_error(form, error)
        else:
            messages.success(request, _("The payment is recorded."))
            url = reverse("membership:member", kwargs={"slug": slug, "pk": pk})
            return _see_other(url)
    return _member_page(request, access, membership, payment_form=form, status=400)


@two_factor_verified_required
@require_POST
def entry_reverse(request, slug: str, pk: int, entry: int):
    from picketline.membership.dues import services as dues
    from picketline.membership.dues.models import DuesEntry

    access, membership = _member(request, slug, pk)
    if not may_record_payment(access, membership):
        raise PermissionDenied
    target = get_object_or_404(DuesEntry, pk=entry, membership=membership)
    try:
        dues.dues_entry_reverse(
            access=access, entry=target, by=request.user, reason=request.POST.get("reason", "")
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The entry is corrected."))
    return _see_other(reverse("membership:member", kwargs={"slug": slug, "pk": pk}))


@two_factor_verified_required
@require_POST
def member_left(request, slug: str, pk: int):
    access, membership = _member(request, slug, pk)
    if not access.sees_roster:
        raise PermissionDenied
    form = LeftForm(request.POST)
    reason = form.cleaned_data["reason"] if form.is_valid() else ""
    services.membership_record_left(
        access=access, membership=membership, by=request.user, reason=reason
    )
    messages.success(request, _("Recorded: %(name)s has left.") % {"name": membership.name})
    return _see_other(reverse("membership:roster", kwargs={"slug": slug}))


@two_factor_verified_required
@require_http_methods(["GET", "HEAD", "POST"])
def member_change(request, slug: str, pk: int):
    """A chapter organiser or admin moves a member to another chapter or dues plan."""
    access, membership = _member(request, slug, pk)
    if not access.sees_roster or membership.status == MembershipStatus.LEFT:
        raise PermissionDenied
    chapters = selectors.roster_chapters(access)
    initial = {
        "chapter": membership.chapter_id,
        "plan": membership.plan_id,
        "amount": "",
    }
    form = MemberChangeForm(
        request.POST or None,
        organisation=access.organisation,
        chapters=chapters,
        chapter_required=not access.sees_everyone,
        initial=initial,
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.membership_change(
                access=access,
                membership=membership,
                by=request.user,
                chapter=form.cleaned_data.get("chapter"),
                **form.plan_fields(),
            )
        except ValidationError as error:
            add_validation_error(form, error)
        else:
            messages.success(request, _("The member's chapter and dues are saved."))
            return _see_other(reverse("membership:member", kwargs={"slug": slug, "pk": pk}))
    context = {"organisation": access.organisation, "member": membership, "form": form}
    status = 400 if request.method == "POST" else 200
    return private_page(render(request, "membership/member_change.html", context, status=status))


def _admin_member(request, slug: str, pk: int):
    """Exporting or erasing one member on their request is for the organisation's admins."""
    access = selectors.members_access_get_for_user(user=request.user, key=slug)
    if not access.is_admin:
        raise PermissionDenied
    return access, selectors.membership_get_for_access(access=access, pk=pk)


@two_factor_verified_required
@require_http_methods(["GET", "HEAD"])
def member_export(request, slug: str, pk: int):
    access, membership = _admin_member(request, slug, pk)
    document = services.membership_export_record(
        access=access, membership=membership, by=request.user
    )
    response = HttpResponse(
        json.dumps(document, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2),
        content_type="application/json; charset=utf-8",
    )
    response["Content-Disposition"] = f'attachment; filename="member-{membership.reference}.json"'
    return private_page(response)


@two_factor_verified_required
@require_http_methods(["GET", "HEAD", "POST"])
def member_erase(request, slug: str, pk: int):
    access, membership = _admin_member(request, slug, pk)
    if request.method == "POST":
        services.membership_erase(membership=membership, by=request.user)
        messages.success(
            request,
            _("%(reference)s is erased: the ledger stays, without the person.")
            % {"reference": membership.reference},
        )
        return _see_other(reverse("membership:roster", kwargs={"slug": slug}))
    context = {"organisation": access.organisation, "member": membership}
    return private_page(render(request, "membership/member_erase.html", context))
