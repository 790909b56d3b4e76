"""Orders: imported and checked against the customs rules, the workbench for rejections, cancellation, queries."""

from app.orders.cancel import CancelResult, cancel_order
from app.orders.importing import demo_orders, import_orders
from app.orders.queries import exchange_archive, list_orders, order_history, orders_report
from app.orders.workbench import requeue, resubmit, revalidate

# workbench.workbench keeps its module's name, so it is reached through the module.
__all__ = [
    "CancelResult", "cancel_order", "demo_orders", "exchange_archive", "import_orders", "list_orders",
    "order_history", "orders_report", "requeue", "resubmit", "revalidate",
]
