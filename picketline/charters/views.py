"""Charters' pages: the list, a charter side by side with its translation in the reader's
language (or the one asked for), endorsing it and confirming by the emailed link; and the
editors' pages for versions, translations and their approval.

Confirming by link takes a POST behind a button: mail scanners follow every link in an email
and must not endorse anything.
"""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_POST, require_safe
from django.views.decorators.vary import vary_on_headers

from picketline.charters import selectors, services
from picketline.charters.forms import ApproveForm, EndorseForm, TranslationForm, VersionForm
from picketline.core.confirm_links import confirm_link_page
from picketline.core.forms import add_validation_error
from picketline.core.http import too_many_requests
from picketline.core.i18n import (
    content_language_name,
    content_languages,
    is_right_to_left,
    reader_content_languages,
)
from picketline.core.ratelimit import submission_rate_limited
from picketline.places.countries import country_names


def _see_other(url: str) -> HttpResponseRedirect:
    return HttpResponseRedirect(url, status=303)


@require_safe
def charter_list(request):
    return render(request, "charters/list.html", {"charters": selectors.charters_listed()})


def _version_asked(request, versions):
    """The version `?version=N` names, else the latest; None when the charter has none."""
    number = request.GET.get("version", "")
    if number.isascii() and number.isdigit():
        for version in versions:
            if version.number == int(number):
                return version
        raise Http404(_("This charter has no such version."))
    return versions[0] if versions else None


def _endorsements_context(charter) -> dict:
    counts = selectors.endorsement_counts(charter)
    endorsers = selectors.endorsers_public(charter)
    codes = [c.code for c in counts.countries] + [e["country"] for e in endorsers]
    names = country_names(codes)
    points = selectors.country_points([c.code for c in counts.countries])
    rows = [
        {
            "code": c.code,
            "name": names.get(c.code, c.code),
            "people": c.people,
            "organisations": c.organisations,
        }
        for c in counts.countries
    ]
    map_points = [
        {
            "lat": points[row["code"]][0],
            "lon": points[row["code"]][1],
            "total": row["people"] + row["organisations"],
            "label": _("%(country)s: %(people)s, %(organisations)s")
            % {
                "country": row["name"],
                "people": ngettext("%(n)d person", "%(n)d people", row["people"])
                % {"n": row["people"]},
                "organisations": ngettext(
                    "%(n)d organisation", "%(n)d organisations", row["organisations"]
                )
                % {"n": row["organisations"]},
            },
        }
        for row in rows
        if row["code"] in points
    ]
    for endorser in endorsers:
        endorser["country_name"] = names.get(endorser["country"], endorser["country"])
    return {
        "counts": counts,
        "country_rows": rows,
        "map_points": map_points,
        "endorsers": endorsers,
        "tile_url": settings.TILE_URL,
        "tile_attribution": settings.TILE_ATTRIBUTION,
    }


def _endorse_button(charter) -> str:
    """The HTML another site pastes to link to the endorse form: a plain link, no script."""
    url = settings.SITE_URL + reverse("charters:endorse", kwargs={"slug": charter.slug})
    return render_to_string(
        "charters/_endorse_button.html", {"charter": charter, "url": url}
    ).strip()


def _charter_page(request, charter, language: str, *, chosen: bool):
    versions = selectors.charter_versions(charter)
    version = _version_asked(request, versions)
    if version is not None and not chosen:
        language = selectors.language_pick(charter, version, reader_content_languages(request))
    context = {
        "charter": charter,
        "versions": versions,
        "version": version,
        "shown": (selectors.version_in_language(charter, version, language) if version else None),
        "language": language,
        "languages": selectors.language_statuses(charter, version),
        "form": EndorseForm(),
        "endorse_button": _endorse_button(charter),
        **_endorsements_context(charter),
    }
    return render(request, "charters/detail.html", context)


@require_safe
@vary_on_headers("Accept-Language", "Cookie")
def charter_detail(request, slug):
    charter = selectors.charter_get_public(slug=slug)
    return _charter_page(request, charter, charter.language, chosen=False)


@require_safe
def charter_language(request, slug, language):
    if language not in {code for code, _name in content_languages()}:
        raise Http404(_("Charters are not translated into this language."))
    charter = selectors.charter_get_public(slug=slug)
    return _charter_page(request, charter, language, chosen=True)


# --- endorsing ------------------------------------------------------------------------------


@require_http_methods(["GET", "HEAD", "POST"])
def endorse(request, slug):
    charter = selectors.charter_get_public(slug=slug)
    status = 200
    if request.method == "POST":
        if submission_rate_limited(request, scope="endorse"):
            return too_many_requests(request, scope="endorse")
        form = EndorseForm(request.POST)
        if form.is_valid():
            try:
                services.endorsement_submit(charter=charter, **form.endorse_fields())
            except ValidationError as error:
                add_validation_error(form, error)
            else:
                # The same page whether or not the address had endorsed: it reveals nothing.
                url = reverse("charters:endorse_sent", kwargs={"slug": charter.slug})
                return _see_other(f"{url}?as={form.cleaned_data['kind']}")
        status = 400
    else:
        form = EndorseForm()
    return render(
        request, "charters/endorse.html", {"charter": charter, "form": form}, status=status
    )


@require_safe
def endorse_sent(request, slug):
    charter = selectors.charter_get_public(slug=slug)
    organisation = request.GET.get("as") == "organisation"
    return render(
        request, "charters/endorse_sent.html", {"charter": charter, "organisation": organisation}
    )


@require_http_methods(["GET", "HEAD", "POST"])
def confirm(request, token: str):
    return confirm_link_page(
        request,
        scope="endorse-confirm",
        check=lambda: services.endorsement_confirm_check(raw=token),
        confirm=lambda: services.endorsement_confirm(raw=token),
        done=lambda endorsement: (
            _("Thank you: your endorsement is counted."),
            endorsement.charter.get_absolute_url() + "#endorsements",
        ),
        template="charters/confirm.html",
        name="endorsement",
    )


# --- editors -------------------------------------------------------------------------------


@login_required
@require_safe
def manage(request, slug):
    charter = selectors.charter_get_for_user(user=request.user, slug=slug)
    versions = selectors.charter_versions(charter)
    rows = [
        {"version": version, "languages": selectors.language_statuses(charter, version)}
        for version in versions
    ]
    return render(request, "charters/manage.html", {"charter": charter, "rows": rows})


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def version_add(request, slug):
    charter = selectors.charter_get_for_user(user=request.user, slug=slug)
    status = 200
    if request.method == "POST":
        form = VersionForm(request.POST)
        if form.is_valid():
            try:
                version = services.version_add(
                    charter=charter, user=request.user, **form.cleaned_data
                )
            except ValidationError as error:
                add_validation_error(form, error)
            else:
                messages.success(
                    request, _("Version %(number)d added.") % {"number": version.number}
                )
                return _see_other(charter.get_manage_url())
        status = 400
    else:
        latest = charter.versions.order_by("-number").first()
        initial = (
            {"title": latest.title, "text": latest.text} if latest else {"title": charter.title}
        )
        form = VersionForm(initial=initial)
    return render(
        request, "charters/version_form.html", {"charter": charter, "form": form}, status=status
    )


def _translation_target(request, slug, number, language):
    charter = selectors.charter_get_for_user(user=request.user, slug=slug)
    version = selectors.version_get(charter=charter, number=number)
    if language == charter.language or language not in dict(content_languages()):
        raise Http404(_("Charters are not translated into this language."))
    return charter, version, selectors.translation_get(version=version, language=language)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def translation_edit(request, slug, number, language):
    charter, version, translation = _translation_target(request, slug, number, language)
    status = 200
    if request.method == "POST":
        form = TranslationForm(request.POST, language=language)
        if form.is_valid():
            try:
                services.translation_save(
                    version=version, language=language, user=request.user, **form.cleaned_data
                )
            except ValidationError as error:
                add_validation_error(form, error)
            else:
                messages.success(
                    request,
                    _("The translation into %(language)s is saved as a draft.")
                    % {"language": content_language_name(language)},
                )
                return _see_other(request.path)
        status = 400
    else:
        initial = {"title": translation.title, "text": translation.text} if translation else {}
        form = TranslationForm(initial=initial, language=language)
    context = {
        "charter": charter,
        "version": version,
        "translation": translation,
        "language": language,
        "language_name": content_language_name(language),
        "direction": "rtl" if is_right_to_left(language) else "ltr",
        "original": selectors.version_original(charter, version),
        "form": form,
        "approve_form": ApproveForm(),
    }
    return render(request, "charters/translation_form.html", context, status=status)


@login_required
@require_POST
def translation_approve(request, slug, number, language):
    charter, version, translation = _translation_target(request, slug, number, language)
    if translation is None:
        raise Http404(_("There is no translation into this language to approve."))
    form = ApproveForm(request.POST)
    if form.is_valid():
        try:
            services.translation_approve(
                translation=translation,
                reviewer_name=form.cleaned_data["reviewer_name"],
                user=request.user,
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(
                request,
                _("The translation into %(language)s is approved.")
                % {"language": content_language_name(language)},
            )
    else:
        messages.error(request, _("Name the reviewer to approve the translation."))
    return _see_other(
        reverse(
            "charters:translation_edit",
            kwargs={"slug": charter.slug, "number": version.number, "language": language},
        )
    )
