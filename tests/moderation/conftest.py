import pytest

from tests.factories import login


@pytest.fixture
def moderator_client(client, moderator):
    login(client, moderator)
    return client
