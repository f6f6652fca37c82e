"""Support tiers, escalation triggers and the brand's own L2 response."""
