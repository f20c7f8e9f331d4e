"""The public-opinion panels: the alert feed with early warnings and source coverage,
and the trends (volume per topic, sentiment, incidents per hour)."""
