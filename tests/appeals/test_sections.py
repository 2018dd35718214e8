"""The appeals sections of a campaign's and a dispute's pages follow every change at once,
though they are kept under the appeals' data version."""

import pytest

from picketline.appeals import services
from tests import factories
from tests.appeals.helpers import make_appeal, sign

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("owner", ["campaign", "dispute"])
def test_the_section_counts_each_confirmed_signature_at_once(client, owner):
    dispute = factories.make_dispute() if owner == "dispute" else None
    appeal = make_appeal(dispute=dispute)
    url = (dispute or appeal.campaign).get_absolute_url()
    assert "0 signatures" in client.get(url).text
    sign(appeal, email="one@example.org")
    assert "1 signature<" in client.get(url).text
    sign(appeal, email="two@example.org", confirm=False)  # pending: not counted yet
    assert "1 signature<" in client.get(url).text
    sign(appeal, email="three@example.org")
    assert "2 signatures" in client.get(url).text
    fields = {name: getattr(appeal, name) for name in services.APPEAL_FIELDS}
    services.appeal_update(
        appeal=appeal, user=None, **(fields | {"title": "Keep every plant open"})
    )
    assert "Keep every plant open" in client.get(url).text
