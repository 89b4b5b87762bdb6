"""Errors that name what was wrong and where."""

from __future__ import annotations


class LibkgError(Exception):
    """Base of every error libkg reports to a user."""


class CurationError(LibkgError):
    """A curated file cannot be read: names the file, line and column."""

    def __init__(self, message: str, file: str | None = None, line: int | None = None, column: int | None = None):
        self.message = message
        self.file = file
        self.line = line
        self.column = column
        super().__init__(str(self))

    def __str__(self) -> str:
        where = ":".join(str(part) for part in (self.file, self.line, self.column) if part is not None)
        return f"{where}: {self.message}" if where else self.message


class ValidationFailed(LibkgError):
    """The data violates the SHACL shapes or a violation query."""

    def __init__(self, title: str, details: list[str]):
        self.title = title
        self.details = details
        super().__init__(title + "\n" + "\n".join(details))


class InconsistentOntology(LibkgError):
    """The ontology plus data has no model: disjoint memberships, or whatever else HermiT finds."""

    def __init__(self, details: list[str]):
        self.details = details
        super().__init__("OWL inconsistency\n" + "\n".join(details))


class ReasoningGap(LibkgError):
    """HermiT infers types that libkg's typing rules do not: the rules need one for a new kind of axiom."""

    def __init__(self, details: list[str]):
        self.details = details
        super().__init__(
            f"HermiT infers {len(details)} type(s) that libkg's typing rules (libkg/typing_rules.py) do not derive; "
            "the ontology uses a kind of axiom the rules do not cover yet\n" + "\n".join(details)
        )


class ReasonerUnavailable(LibkgError):
    """The OWL reasoner cannot run on this machine."""


class ReleaseWriteFailed(LibkgError):
    """Writing a new release failed (a full disk, say); the served release is untouched."""


class StoreUnavailable(LibkgError):
    """No built store, or the external SPARQL store cannot be reached."""


class QueryRejected(LibkgError):
    """A query the endpoint refuses to run (syntax, update, outbound access)."""

    def __init__(self, message: str, status: int = 400, position: str | None = None):
        self.message = message
        self.status = status
        self.position = position
        super().__init__(message)


class QueryTimeout(LibkgError):
    """A query ran past its time limit and was stopped."""
