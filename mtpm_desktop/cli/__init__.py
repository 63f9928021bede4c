"""mtpm_desktop.cli"""
