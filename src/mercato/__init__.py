"""Mercato: an open, self-hostable B2B commerce API server that speaks the OrderCloud API."""

__version__ = "0.1.0"
