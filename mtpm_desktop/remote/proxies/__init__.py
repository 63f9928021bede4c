"""Users' proxies: engines, configs, reconcile, state file, logs. Imports core, errors, service_models."""
