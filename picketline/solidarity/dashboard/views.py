"""The solidarity dashboards, for one dispute and for the whole site. Public: counts only."""

from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from picketline.disputes.models import Dispute
from picketline.solidarity.dashboard.selectors import charts, solidarity_figures
from picketline.solidarity.funds.money import format_amount
from picketline.solidarity.http import public_dispute
from picketline.solidarity.levels.selectors import solidarity_level


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
    dispute = public_dispute(slug)
    figures = solidarity_figures(dispute=dispute)
    context = _context(figures) | {
        "dispute": dispute,
        "level": solidarity_level(dispute),
        "title": _("Solidarity with %(dispute)s") % {"dispute": dispute.title},
    }
    return render(request, "solidarity/dashboard.html", context)
