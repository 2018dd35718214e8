"""Calling a day of action and changing it: pages for signed-in people. The day's public page
is in `public_views`."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from picketline.accounts.decorators import two_factor_verified_required
from picketline.events import services
from picketline.events.days_forms import DayOfActionForm, add_service_errors
from picketline.events.models import DayOfAction

GET_POST = require_http_methods(["GET", "POST"])
TEMPLATE = "events/days/form.html"


def _day_for_manager(user, slug: str) -> DayOfAction:
    """The one door to a day of action someone may change: 404 when there is none, 403 when
    they are neither its organiser nor a moderator."""
    day = get_object_or_404(DayOfAction.objects.select_related("organisation"), slug=slug)
    if not services.user_can_manage_day_of_action(user, day):
        raise PermissionDenied
    return day


def _after_save(day: DayOfAction) -> str:
    if day.published_at is None:
        return reverse("events:day_of_action_edit", kwargs={"slug": day.slug})
    return day.get_absolute_url()


@two_factor_verified_required
@GET_POST
def day_of_action_create(request):
    form = DayOfActionForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            day = services.day_of_action_create(user=request.user, **form.service_fields())
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            if day.published_at is not None:
                messages.success(request, _("Your day of action is published."))
            else:
                messages.success(
                    request,
                    _(
                        "Your day of action was sent to the moderators. It is published once "
                        "one of them has checked it; until then only you can see it here."
                    ),
                )
            return redirect(_after_save(day))
    status = 400 if form.errors else 200
    return render(request, TEMPLATE, {"form": form, "day": None}, status=status)


@two_factor_verified_required
@GET_POST
def day_of_action_edit(request, slug: str):
    day = _day_for_manager(request.user, slug)
    form = DayOfActionForm(request.POST or None, user=request.user, day=day)
    if request.method == "POST" and form.is_valid():
        try:
            day = services.day_of_action_update(day=day, user=request.user, **form.service_fields())
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Your changes are saved."))
            return redirect(_after_save(day))
    status = 400 if form.errors else 200
    return render(request, TEMPLATE, {"form": form, "day": day}, status=status)
