"""The errors the course library raises on bad input. Each message names the fix."""


class NlpCourseError(Exception):
    """Base class: catch this to handle any data-layer problem of the course library."""


class UnknownNameError(NlpCourseError, ValueError):
    """An unknown corpus, split or word-pair set name."""


class MissingDataError(NlpCourseError, FileNotFoundError):
    """A packaged data file (gensim's test data) is not where it should be."""


class CacheError(NlpCourseError, OSError):
    """The on-disk cache cannot be read or written."""


class DownloadError(NlpCourseError, OSError):
    """A download failed (offline, server error, interrupted transfer)."""


class ChecksumError(DownloadError):
    """A downloaded or hand-placed file does not have the expected sha256."""
