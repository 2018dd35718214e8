"""`picketline demo-appeals`: the demo campaign's appeal to two managers, loaded once, with
confirmed signatures from several countries and nothing queued to send."""

import pytest
from django.core.management import call_command

from picketline.appeals.models import Appeal, AppealDelivery, Signature, Target

pytestmark = pytest.mark.django_db


def test_it_loads_the_appeal_once(client):
    call_command("demo_campaigns")
    call_command("demo_appeals")
    call_command("demo_appeals")
    appeal = Appeal.objects.get()
    assert appeal.campaign.is_demo
    assert Target.objects.count() == 2
    assert Signature.objects.filter(status="confirmed").count() >= 10
    assert len(set(Signature.objects.values_list("country", flat=True))) >= 5
    assert not AppealDelivery.objects.exists()
    page = client.get(appeal.get_absolute_url()).content.decode()
    assert "@example.org" not in page
    assert appeal.title in client.get(appeal.campaign.get_absolute_url()).content.decode()
