"""`picketline serve`: the web server and one task worker, for a laptop or a small server."""

import os
import signal
import subprocess
import sys

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _


class Command(BaseCommand):
    help = _("Start the web server and a task worker together.")

    def add_arguments(self, parser):
        parser.add_argument("--bind", default=os.environ.get("BIND", "127.0.0.1:8000"))
        parser.add_argument(
            "--web-workers", type=int, default=int(os.environ.get("WEB_CONCURRENCY", "2"))
        )
        parser.add_argument("--no-worker", action="store_true")

    def handle(self, *args, bind, web_workers, no_worker, **options):
        python = sys.executable
        processes = []
        if not no_worker:
            worker = [python, "-m", "picketline.cli", "worker"]
            processes.append(subprocess.Popen(worker))
        web = [
            python,
            "-m",
            "gunicorn",
            "picketline.wsgi",
            "--bind",
            bind,
            "--workers",
            str(web_workers),
            "--access-logfile",
            "-",
        ]
        processes.append(subprocess.Popen(web))
        self.stdout.write(
            self.style.SUCCESS(_("Picketline is running at %(url)s") % {"url": f"http://{bind}"})
        )
        if settings.DEBUG:
            self.stdout.write(_("DEBUG is on: do not expose this server to the internet."))

        def stop(signum, frame):
            for process in processes:
                process.terminate()

        signal.signal(signal.SIGTERM, stop)
        try:
            while all(process.poll() is None for process in processes):
                try:
                    processes[-1].wait(timeout=1)
                except subprocess.TimeoutExpired:
                    continue
        except KeyboardInterrupt:
            pass
        finally:
            stop(None, None)
            for process in processes:
                process.wait(timeout=10)
        return None
