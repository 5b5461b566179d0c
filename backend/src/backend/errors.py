"""Domain errors shared by every app; each transport maps them to its own shape."""


class InvalidFieldError(ValueError):
    """A value broke a domain rule; `field` names the input that must change."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field
        self.message = message


class InvalidCursorError(InvalidFieldError):
    """A pagination cursor was malformed, forged, or issued for another query."""

    def __init__(self, message: str) -> None:
        super().__init__("cursor", message)
