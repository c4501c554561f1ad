"""The submission of the toy budget suite: it sleeps, works and works in a child process."""
import subprocess
import sys
import time


def sleep(seconds):
    time.sleep(seconds)


def burn(seconds):
    start = time.process_time()
    while time.process_time() - start < seconds:
        pass


def burn_in_child(seconds):
    subprocess.run([sys.executable, "-c", "import time\nstart = time.process_time()\n"
                    f"while time.process_time() - start < {seconds}:\n    pass\n"], check=True)


def flexible(**options):
    return options
