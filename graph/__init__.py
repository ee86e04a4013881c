"""Graph model, identity rules, stores and the build pipeline."""
