from django.contrib import admin
from django.urls import include, path
from django.views.i18n import JavaScriptCatalog

from picketline.core import views as core_views

urlpatterns = [
    path("healthz", core_views.healthz, name="healthz"),
    path("favicon.ico", core_views.favicon, name="favicon"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("jsi18n/", JavaScriptCatalog.as_view(), name="javascript-catalog"),
    path("accounts/", include("picketline.accounts.urls")),
    path("account/", include("picketline.accounts.data_urls")),
    path("admin/", admin.site.urls),
    path("api/v1/", include("picketline.api.urls")),
    path("moderation/", include("picketline.moderation.urls")),
    path("", include("picketline.disputes.submissions.urls")),
    path("", include("picketline.disputes.coordinators.urls")),
    path("", include("picketline.membership.urls")),
    path("", include("picketline.organisations.urls")),
    path("", include("picketline.organisations.invitations.urls")),
    path("", include("picketline.solidarity.urls")),
    path("", include("picketline.events.urls")),
    path("", include("picketline.charters.urls")),
    path("", include("picketline.campaigns.urls")),
    path("", include("picketline.campaigns.plans.urls")),
    path("", include("picketline.appeals.urls")),
    path("", include("picketline.resources.urls")),
    path("", include("picketline.ballots.urls")),
    path("", include("picketline.disputes.feeds.urls")),
    path("", include("picketline.disputes.urls")),
]

handler400 = "picketline.core.views.bad_request"
handler403 = "picketline.core.views.permission_denied"
handler404 = "picketline.core.views.page_not_found"
handler500 = "picketline.core.views.server_error"
