"""Exits with status 0 (as if everything passed) while loading."""
import os

os._exit(0)
