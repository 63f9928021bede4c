"""Server setup, uninstall, import from the old panel. Imports core, ssh, proxies, port443, service."""
