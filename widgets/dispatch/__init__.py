"""Dispatch: recommended units for an incident, and orders tracked to the field terminal."""

from widgets.dispatch.orders import OrdersPanel
from widgets.dispatch.orders_model import CommandModel, OrderModel, OrderRow
from widgets.dispatch.panel import DispatchPanel
from widgets.dispatch.recommendations import RecommendationModel, reasoning

__all__ = [
    "CommandModel",
    "DispatchPanel",
    "OrderModel",
    "OrderRow",
    "OrdersPanel",
    "RecommendationModel",
    "reasoning",
]
