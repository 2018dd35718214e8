"""The solidarity dashboards (for one dispute and for the whole site) and a dispute's
connections for the map. Public: counts and public points only."""

from django.http import Http404, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

from picketline.disputes.models import Dispute, Site
from picketline.disputes.selectors import dispute_get_public
from picketline.solidarity.dashboard import charts, solidarity_figures
from picketline.solidarity.delegations import disputes_connected
from picketline.solidarity.funds_money import format_amount
from picketline.solidarity.levels import solidarity_level


def _context(figures) -> dict:
    titles = {
        "by_country": _("Messages of solidarity by country"),
        "by_month": _("Messages of solidarity by month"),
        "by_kind": _("Delegations, visits and meetings"),
    }
    return {
        "figures": figures,
        "charts": charts(figures, titles=titles),
        "titles": titles,
        "money": [
            (currency, format_amount(raised, currency), format_amount(net, currency))
            for currency, raised, net in figures.money
        ],
    }


@require_GET
def site_dashboard(request):
    figures = solidarity_figures()
    context = _context(figures) | {
        "disputes": Dispute.objects.count(),
        "title": _("Solidarity across every dispute"),
    }
    return render(request, "solidarity/dashboard.html", context)


@require_GET
def dispute_dashboard(request, slug):
    try:
        dispute = dispute_get_public(slug=slug)
    except Dispute.DoesNotExist:
        raise Http404(_("There is no dispute at this address.")) from None
    figures = solidarity_figures(dispute=dispute)
    context = _context(figures) | {
        "dispute": dispute,
        "level": solidarity_level(dispute),
        "title": _("Solidarity with %(dispute)s") % {"dispute": dispute.title},
    }
    return render(request, "solidarity/dashboard.html", context)


@require_GET
@cache_control(public=True, max_age=300)
def dispute_connections(request, slug):
    """The disputes connected to one, with a public point each, for lines on the map."""
    try:
        dispute = dispute_get_public(slug=slug)
    except Dispute.DoesNotExist:
        raise Http404(_("There is no dispute at this address.")) from None
    connections = disputes_connected(dispute=dispute)
    points: dict[int, list[float]] = {}
    sites = Site.objects.filter(dispute__in=[c.dispute for c in connections]).order_by("id")
    for dispute_id, lat, lon in sites.values_list(
        "dispute_id", "public_latitude", "public_longitude"
    ):
        points.setdefault(dispute_id, [lat, lon])
    return JsonResponse(
        {
            "connections": [
                {
                    "title": c.dispute.title,
                    "url": c.dispute.get_absolute_url(),
                    "reasons": [str(reason) for reason in c.reasons],
                    "point": points.get(c.dispute.pk),
                }
                for c in connections
            ]
        }
    )
