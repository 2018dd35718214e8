"""The `picketline` command: Django's management commands with dashed names.

`picketline import-disputes FILE` runs the `import_disputes` management command.
"""

import os
import sys


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv if argv is None else argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "picketline.settings")
    if len(argv) > 1 and not argv[1].startswith("-"):
        argv[1] = argv[1].replace("-", "_")
        if argv[1] == "help" and len(argv) > 2 and not argv[2].startswith("-"):
            argv[2] = argv[2].replace("-", "_")
    argv[0] = "picketline"

    from django.core.management import execute_from_command_line

    execute_from_command_line(argv)
    return 0


if __name__ == "__main__":
    sys.exit(main())
