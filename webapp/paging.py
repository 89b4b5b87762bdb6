"""Long lists a page at a time: which page a request asks for, and what that page shows of the whole."""

from __future__ import annotations

from flask import request

MAX_PAGE = 10**6


def requested_page() -> int:
    """Return the page number ?page=N asks for (1 when absent or not a positive number)."""
    asked = request.args.get("page", "1")
    return int(asked) if asked.isdigit() and 0 < int(asked) < MAX_PAGE else 1


def page_of(page: int, total: int, size: int) -> dict:
    """Say what page (clamped to the last) shows of total items, size a page: first to last (from 1), and its neighbours."""
    pages = max(1, -(-total // size))
    page = min(page, pages)
    return {"page": page, "pages": pages, "first": min((page - 1) * size + 1, total), "last": min(total, page * size),
            "total": total, "previous": page - 1 if page > 1 else None, "next": page + 1 if page < pages else None}
