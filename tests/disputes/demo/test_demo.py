import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from picketline.accounts.roles import is_moderator
from picketline.disputes.models import Dispute, Submission
from picketline.moderation.models import ItemStatus, ModerationItem
from picketline.organisations.models import Organisation

pytestmark = pytest.mark.django_db


def test_it_loads_disputes_accounts_and_pending_reports_once():
    call_command("demo", stdout=io.StringIO())
    counts = (Dispute.objects.count(), Submission.objects.count(), ModerationItem.objects.count())
    call_command("demo", stdout=io.StringIO())
    assert (
        Dispute.objects.count(),
        Submission.objects.count(),
        ModerationItem.objects.count(),
    ) == counts
    assert counts[1] == 3
    assert ModerationItem.objects.filter(status=ItemStatus.PENDING).count() == 3
    users = get_user_model().objects
    assert is_moderator(users.get(username="moderator"))
    assert not is_moderator(users.get(username="coordinator"))
    assert users.get(username="coordinator").coordinated_disputes.count() == 1
    union = Organisation.objects.get(coordinators__username="union")
    assert union.is_verified


def test_it_reports_a_duplicate_of_a_published_demo_dispute():
    call_command("demo", stdout=io.StringIO())
    northgate = Submission.objects.get(employer="Northgate Buses")
    assert Dispute.objects.filter(employers__name="Northgate Buses Ltd").exists()
    assert northgate.dispute is None
