"""Knowledge as data: YAML files validated on load, indexed once at start-up."""
