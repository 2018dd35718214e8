"""The "Add a strike" page, and the private status page its reporter gets a link to."""

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from picketline.core.forms import HONEYPOT
from picketline.core.http import private_page
from picketline.core.ratelimit import retry_after_seconds, submission_rate_limited
from picketline.disputes.models import Submission
from picketline.disputes.submissions.forms import AnswerForm, SubmissionForm
from picketline.disputes.submissions.services import submission_create, submission_get_by_token
from picketline.disputes.submissions.status import status_label, submission_rows
from picketline.moderation.models import ItemStatus
from picketline.moderation.services import StaleItem, item_answer, item_for_object

# --- the form -------------------------------------------------------------------------------


def _form_context(form: SubmissionForm, **extra) -> dict:
    return {
        "form": form,
        "more_has_errors": any(form[name].errors for name in form.MORE) if form.is_bound else False,
        "tile_url": settings.TILE_URL,
        "tile_attribution": settings.TILE_ATTRIBUTION,
        "map_labels": {
            "pin": _("Where the dispute is"),
            "moved": _("Pin placed. Drag it to move it."),
        },
        **extra,
    }


def _initial_from(form_class, data) -> dict:
    """What was posted, as initial values: the form shows it again without judging it."""
    initial = {}
    for name, field in form_class.base_fields.items():
        if name == HONEYPOT or name not in data:
            continue
        many = isinstance(field, forms.MultipleChoiceField)
        initial[name] = data.getlist(name) if many else data.get(name)
    return initial


def _too_many_reports(request):
    """The form again, as it was posted, saying to wait: nothing was stored."""
    form = SubmissionForm(initial=_initial_from(SubmissionForm, request.POST))
    context = _form_context(form, rate_limited=True)
    response = render(request, "disputes/submission_form.html", context, status=429)
    response["Retry-After"] = str(retry_after_seconds())
    return response


@require_http_methods(["GET", "POST"])
def submission_add(request):
    if request.method != "POST":
        return render(request, "disputes/submission_form.html", _form_context(SubmissionForm()))
    if submission_rate_limited(request):
        return _too_many_reports(request)
    form = SubmissionForm(request.POST)
    if form.is_valid():
        user = request.user if request.user.is_authenticated else None
        try:
            _submission, token = submission_create(user=user, **form.submission_fields())
        except ValidationError as error:
            form.add_service_errors(error)
        else:
            url = reverse("submissions:status", kwargs={"token": token})
            return HttpResponseRedirect(f"{url}?new=1", status=303)
    return render(request, "disputes/submission_form.html", _form_context(form), status=400)


# --- the status page ------------------------------------------------------------------------


def _status_page(
    request,
    submission: Submission,
    token: str,
    *,
    answer_form=None,
    rate_limited=False,
    status=200,
):
    item = item_for_object(submission)
    published_directly = item is None and submission.dispute_id is not None
    if answer_form is None and item is not None and item.status == ItemStatus.QUESTION:
        answer_form = AnswerForm()
    context = {
        "submission": submission,
        "token": token,
        "item": item,
        "status_label": status_label(submission, item),
        "rejected": item is not None and item.status == ItemStatus.REJECTED,
        "dispute": submission.dispute,
        "published_directly": published_directly,
        "conversation": list(item.messages.all()) if item is not None else [],
        "answer_form": answer_form,
        "rate_limited": rate_limited,
        "rows": submission_rows(submission),
        "new": request.GET.get("new") == "1",
        "answered": request.GET.get("answered") == "1",
    }
    return private_page(render(request, "disputes/submission_status.html", context, status=status))


def _get_or_404(token: str) -> Submission:
    submission = submission_get_by_token(raw=token)
    if submission is None:
        raise Http404(_("There is no report at this address. Check the link in your email."))
    return submission


@require_http_methods(["GET", "HEAD"])
def submission_status(request, token):
    submission = _get_or_404(token)
    return _status_page(request, submission, token)


@require_POST
def submission_answer(request, token):
    """The reporter answers a moderator's question from the status page."""
    submission = _get_or_404(token)
    item = item_for_object(submission)
    if item is None:
        raise Http404(_("This report has no questions to answer."))
    if submission_rate_limited(request, scope="submission-answer"):
        return _too_many_answers(request, submission, token)
    form = AnswerForm(request.POST)
    if not form.is_valid():
        return _status_page(request, submission, token, answer_form=form, status=400)
    try:
        item_answer(item=item, body=form.cleaned_data["body"])
    except StaleItem as error:
        form.add_error(None, error.message)
        return _status_page(request, submission, token, answer_form=form, status=409)
    url = reverse("submissions:status", kwargs={"token": token})
    return private_page(HttpResponseRedirect(f"{url}?answered=1", status=303))


def _too_many_answers(request, submission: Submission, token: str):
    form = AnswerForm(initial={"body": request.POST.get("body", "")})
    response = _status_page(
        request, submission, token, answer_form=form, rate_limited=True, status=429
    )
    response["Retry-After"] = str(retry_after_seconds("submission-answer"))
    return response
