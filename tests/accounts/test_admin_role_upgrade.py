"""An install that upgrades: the admin role gains the permissions of rooms added since its
group was made, when `migrate` runs, so its admins see the new admin pages."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.management import call_command

from picketline.accounts.roles import Role
from picketline.accounts.services import admin_role_permissions_sync
from tests import factories

pytestmark = pytest.mark.django_db(transaction=True)


def test_migrate_gives_the_admin_role_the_permissions_it_lacks(client):
    admin = factories.make_admin()
    group = Group.objects.get(name=Role.ADMIN)
    newer = Permission.objects.filter(content_type__app_label="ballots")
    assert newer.exists()
    # As the group was before the ballots came: without their permissions.
    group.permissions.remove(*newer)
    factories.login(client, admin)
    assert client.get("/admin/ballots/ballot/").status_code == 403

    call_command("migrate", verbosity=0)
    assert set(newer) <= set(group.permissions.all())
    assert client.get("/admin/ballots/ballot/").status_code == 200
    assert admin_role_permissions_sync() == 0


def test_the_admin_role_holds_every_permission_and_no_other_role_gains_any():
    # The roles' groups as the first migration makes them: empty.
    for role in (Role.ADMIN, Role.MODERATOR):
        Group.objects.get_or_create(name=role)
    admin_role_permissions_sync()
    assert Group.objects.get(name=Role.ADMIN).permissions.count() == Permission.objects.count()
    assert not Group.objects.get(name=Role.MODERATOR).permissions.exists()
