"""Units: durations whose unit cannot be meant."""
