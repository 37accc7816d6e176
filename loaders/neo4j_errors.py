"""The Neo4j side's user-facing error, kept apart so the command line can catch it without importing
the driver (which takes most of a second)."""


class DatabaseError(Exception):
    """The database cannot be reached or used as asked; the message is one line for the user."""
