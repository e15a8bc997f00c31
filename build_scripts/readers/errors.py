"""The one exception readers raise: what is wrong with the file and what to do about it."""


class ReadError(Exception):
    """A report that cannot be read; ``hint`` tells the curator how to fix it."""

    def __init__(self, message: str, hint: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint
