"""Money that closes: milestones that add up and fee bases the spec states."""
