"""mtpm_desktop.remote"""
