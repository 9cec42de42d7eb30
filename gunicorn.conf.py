"""Gunicorn settings for the Procfile's web process (read from the working directory).

Two workers per CPU core, four threads each: a request waiting for the database (or for its
turn to write a survey response) leaves the core to another worker, where threads of one worker
would wait for Python's lock instead. Each worker holds about 150 MB. WEB_CONCURRENCY sets the
number of workers and GUNICORN_THREADS the threads; gunicorn binds to $PORT when the host sets it.
"""

import os

workers = int(os.environ.get("WEB_CONCURRENCY", 2 * (os.cpu_count() or 1)))
threads = int(os.environ.get("GUNICORN_THREADS", "4"))
timeout = 30
