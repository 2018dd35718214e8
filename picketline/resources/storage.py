"""Where the library's files are kept: MEDIA_ROOT/private/resources/, under names drawn at
random (never the uploader's file name). No route serves that folder and the storage has no
URL: `views.resource_file` streams each file, with headers that keep it from running in the
site's origin, to those allowed to see it."""

import os

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.utils.functional import cached_property

FOLDER = os.path.join("private", "resources")


class ResourceStorage(FileSystemStorage):
    @cached_property
    def base_location(self):
        # Read when first used (and again after a test changes MEDIA_ROOT: Django clears it).
        return os.path.join(settings.MEDIA_ROOT, FOLDER)

    @cached_property
    def base_url(self):
        return None

    def url(self, name):
        raise ValueError("Resources have no public URL: link to views.resource_file.")


_storage = ResourceStorage()


def resource_storage() -> ResourceStorage:
    return _storage
