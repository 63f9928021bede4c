"""The remote layer: one verified SSH connection per server, and what mtpm does over it (no Qt).

Wings, lowest first: ssh/ (the connection), proxies/ and port443/ (what runs on the server), checks/ (what is
measured from this computer), setup/ (bootstrap, uninstall, import). service.py is the one facade the GUI
and the CLI use; operations built on top of it (setup/import_panel.py, checks/link_check.py) import it,
never the reverse. See docs/architecture.md.
"""
