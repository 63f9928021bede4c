"""Port-443 mode: the nginx SNI router and its switch. Imports core, errors, service_models, proxies."""
