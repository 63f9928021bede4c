"""Jinja2 templates for nginx, rendered on the desktop and pushed to the server."""
