"""The Django admin asks for the same two factors as the rest of the site.

The admin's own login form takes a password alone, which would skip the code step, so it hands
over to the site's login. A staff user whose session has not passed two-factor is treated as
having no admin permission, and the admin's login page sends them to set up a device or enter a
code instead of showing the login form again (which would loop).
"""

from django.contrib.admin import AdminSite
from django.shortcuts import redirect
from django.urls import reverse

from picketline.accounts.two_factor import (
    safe_next,
    two_factor_redirect_url,
    two_factor_satisfied,
    url_with_next,
)


def install(site: AdminSite) -> None:
    """Wraps `site.has_permission` and `site.login` on the instance (the admin's URLs and its
    `admin_view` decorator look both up on the instance at request time)."""
    if getattr(site, "_two_factor_installed", False):
        return
    password_has_permission = site.has_permission

    def has_permission(request) -> bool:
        return password_has_permission(request) and two_factor_satisfied(request)

    def login(request, extra_context=None):
        # The admin's password form is never shown: every sign-in goes through the site's two
        # steps, so a password alone cannot open a session here.
        admin_index = reverse("admin:index", current_app=site.name)
        next_url = safe_next(request, request.GET.get("next"), default=admin_index)
        if has_permission(request):
            return redirect(next_url)
        if password_has_permission(request):
            return redirect(two_factor_redirect_url(request, next_url))
        return redirect(url_with_next("login", next_url))

    site.has_permission = has_permission
    site.login = login
    site._two_factor_installed = True
