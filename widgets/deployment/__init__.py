"""The deployment panel: patrol posts suggested from incident heat and population."""
