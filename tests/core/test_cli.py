import subprocess
import sys


def test_it_runs_management_commands_with_dashed_names():
    result = subprocess.run(
        [sys.executable, "-m", "picketline.cli", "help", "load-places"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "usage: picketline load_places" in result.stdout


def test_it_lists_the_documented_commands():
    result = subprocess.run(
        [sys.executable, "-m", "picketline.cli", "help"],
        capture_output=True,
        text=True,
        check=True,
    )
    for command in ("serve", "worker", "import_disputes", "seed", "demo", "load_places"):
        assert command in result.stdout
