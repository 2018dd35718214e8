from django.test import Client


def test_it_explains_an_expired_form_and_logs_nobody_in(db):
    client = Client(enforce_csrf_checks=True)
    response = client.post("/accounts/login/", {"username": "x", "password": "y"})
    assert response.status_code == 403
    assert "The form expired" in response.text
    assert "Nothing was saved" in response.text
    assert "_auth_user_id" not in client.session
