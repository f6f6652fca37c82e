"""Installation completion, acceptance tests and payment milestones."""
