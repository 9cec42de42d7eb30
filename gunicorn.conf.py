"""Gunicorn settings for the Procfile's web process (read from the working directory).

Two workers of four threads suit a small server; WEB_CONCURRENCY changes the number of workers.
Gunicorn binds to $PORT when the host sets it.
"""
import os

workers = int(os.environ.get("WEB_CONCURRENCY", "2"))
threads = int(os.environ.get("GUNICORN_THREADS", "4"))
timeout = 30
