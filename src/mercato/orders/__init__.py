"""The order engine shared by the order, line item, payment, shipment, cart and Me routes: who sees which order
(``visibility``), the status machine (``status``), totals (``totals``), pricing a line (``lines``), and the path
from Unsubmitted to Open (``submission``, ``approvals``, ``opening``). Resources call it; it calls no resource."""
