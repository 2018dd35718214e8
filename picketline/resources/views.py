"""The library's pages: an organisation's or a campaign's documents (public; the people who run
it also see those kept for them), adding, editing and removing a resource (two factors, as
every page that manages an organisation or a campaign), and the files themselves.

A file is never served by a static or media route: `resource_file` streams it with the type
read from its content, `nosniff`, as an attachment (an image may be shown inline) and in a CSP
sandbox, so nothing uploaded can run as a page of this site."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, HttpResponseRedirect
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from picketline.accounts.decorators import two_factor_verified_required
from picketline.core.forms import add_validation_error
from picketline.core.http import private_page, uploaded_file
from picketline.core.i18n import content_languages, current_language
from picketline.resources import selectors, services
from picketline.resources.forms import ResourceForm
from picketline.resources.models import ResourceKind

GET_POST = require_http_methods(["GET", "HEAD", "POST"])


def _see_other(url: str) -> HttpResponseRedirect:
    return HttpResponseRedirect(url, status=303)


@require_safe
def library(request, owner_kind, slug):
    owner = selectors.owner_get_public(kind=owner_kind, slug=slug)
    can_manage = selectors.user_manages_owner(request.user, owner)
    languages = dict(content_languages())
    language = request.GET.get("language", "")
    language = language if language in languages else ""
    kind = request.GET.get("kind", "")
    kind = kind if kind in ResourceKind.values else ""
    documents = selectors.library(
        owner,
        include_private=can_manage,
        language=language,
        kind=kind,
        prefer=current_language(),
    )
    context = {
        "owner": owner,
        "owner_kind": owner_kind,
        "documents": documents,
        "languages": languages,
        "kinds": ResourceKind.choices,
        "language": language,
        "kind": kind,
        "can_manage": can_manage,
    }
    response = render(request, "resources/library.html", context)
    if can_manage:
        # The page lists what only its managers see: never kept by a shared cache.
        response["Cache-Control"] = "private, no-store"
    return response


def _form_page(request, *, owner, owner_kind, form, resource=None, status=200):
    context = {"form": form, "owner": owner, "owner_kind": owner_kind, "resource": resource}
    return private_page(render(request, "resources/form.html", context, status=status))


@never_cache
@two_factor_verified_required
@GET_POST
def resource_create(request, owner_kind, slug):
    owner = selectors.owner_get_for_user(user=request.user, kind=owner_kind, slug=slug)
    form = ResourceForm(request.POST or None, request.FILES or None, owner=owner)
    if request.method == "POST" and form.is_valid():
        try:
            services.resource_create(owner=owner, by=request.user, **form.service_fields())
        except ValidationError as error:
            add_validation_error(form, error)
        else:
            messages.success(request, _("The resource is in the library."))
            return _see_other(selectors.library_url(owner))
    status = 400 if form.errors else 200
    return _form_page(request, owner=owner, owner_kind=owner_kind, form=form, status=status)


@never_cache
@two_factor_verified_required
@GET_POST
def resource_edit(request, owner_kind, slug, pk):
    owner = selectors.owner_get_for_user(user=request.user, kind=owner_kind, slug=slug)
    resource = selectors.resource_get_for_manager(user=request.user, owner=owner, pk=pk)
    form = ResourceForm(request.POST or None, request.FILES or None, owner=owner, resource=resource)
    if request.method == "POST" and form.is_valid():
        try:
            services.resource_update(resource=resource, by=request.user, **form.service_fields())
        except ValidationError as error:
            add_validation_error(form, error)
        else:
            messages.success(request, _("The resource is saved."))
            return _see_other(selectors.library_url(owner))
    status = 400 if form.errors else 200
    return _form_page(
        request, owner=owner, owner_kind=owner_kind, form=form, resource=resource, status=status
    )


@two_factor_verified_required
@require_POST
def resource_delete(request, owner_kind, slug, pk):
    owner = selectors.owner_get_for_user(user=request.user, kind=owner_kind, slug=slug)
    resource = selectors.resource_get_for_manager(user=request.user, owner=owner, pk=pk)
    services.resource_delete(resource=resource, by=request.user)
    messages.success(request, _("The resource is removed."))
    return _see_other(selectors.library_url(owner))


def _private_or_public(response, resource):
    # A public file may be kept by a browser; one kept for the owner's people never is (and
    # nor is any file in a shared cache, as the resource may be made private later).
    if resource.is_public:
        response["Cache-Control"] = "private, max-age=300"
    else:
        private_page(response)
    return response


@require_safe
def resource_file(request, pk, filename):
    resource = selectors.resource_get_for_user(user=request.user, pk=pk)
    response = FileResponse(resource.file.open("rb"), content_type=resource.content_type)
    # Only our own re-encoded images are shown in the page; PDFs are always downloaded.
    uploaded_file(response, filename=resource.download_name(), inline=resource.is_image)
    return _private_or_public(response, resource)


@require_safe
def resource_thumbnail(request, pk):
    resource = selectors.resource_get_for_user(user=request.user, pk=pk)
    response = FileResponse(resource.thumbnail.open("rb"), content_type="image/jpeg")
    uploaded_file(response, filename=f"thumbnail-{resource.pk}.jpg", inline=True)
    return _private_or_public(response, resource)
