"""References that resolve: escalation targets, desks and contacts exist and are staffed."""
