"""The quote bank: candidate quotes from the analysis, reviewed by the IRO manager.

Use `service.approved_quotes` to show quotes anywhere else: nothing that is
not approved ever leaves the bank.
"""

from flask import Blueprint

from . import service
from .service import ApprovedQuote, approved_quotes

bp = Blueprint("quotes", __name__, url_prefix="/staff/quotes")

from . import routes  # noqa: E402,F401 - routes attach themselves to bp

__all__ = ["ApprovedQuote", "approved_quotes", "bp", "service"]
