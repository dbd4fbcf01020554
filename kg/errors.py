"""One hierarchy for every error the library reports to a user."""


class KGError(Exception):
    """Base of all errors the CLI turns into a one-line message."""


class LoadError(KGError):
    """A source (file, line, feed entry, URL) could not be read into a Document."""

    def __init__(self, where: str, reason: str) -> None:
        super().__init__(f"{where}: {reason}")
        self.where = where
        self.reason = reason


class StoreError(KGError):
    """The graph store could not be opened, read or written."""


class StoreLockedError(StoreError):
    """Another process holds the store open for writing."""


class ReadOnlyError(StoreError):
    """A query tried to write to a store opened read-only."""


class QueryError(KGError):
    """A named query is unknown, or a query or its parameters are malformed."""


class ModelError(KGError):
    """The spaCy pipeline could not be loaded."""


class DiskFullError(StoreError):
    """The store's disk has too little free space to write safely; nothing was written."""


class DataWarning(UserWarning):
    """Something in an input was wrong but the input was kept (a date that is not one): the
    CLI prints it as one 'warning:' line naming the file and field."""
