import io

import pytest
from django.core.management import call_command

from picketline.solidarity.levels.selectors import solidarity_level
from picketline.solidarity.models import Delegation, Fund, LedgerEntry, Message, ShiftSignup

pytestmark = pytest.mark.django_db


def test_it_fills_every_solidarity_section_of_a_demo_dispute_once(client):
    call_command("demo", stdout=io.StringIO())
    call_command("demo_solidarity", stdout=io.StringIO())
    counts = (
        Message.objects.filter(published_at__isnull=False).count(),
        Fund.objects.filter(verified_at__isnull=False).count(),
        LedgerEntry.objects.count(),
        ShiftSignup.objects.count(),
        Delegation.objects.count(),
    )
    call_command("demo_solidarity", stdout=io.StringIO())
    assert counts == (4, 1, 4, 3, 1)
    assert Message.objects.count() == 4
    dispute = Message.objects.first().dispute
    assert solidarity_level(dispute).level == 2
    page = client.get(dispute.get_absolute_url()).content.decode()
    assert "Level 2 of 4" in page
    assert "Les dockers sont avec vous" in page


def test_it_asks_for_the_demo_disputes_first():
    out = io.StringIO()
    call_command("demo_solidarity", stdout=out)
    assert "picketline demo" in out.getvalue()
