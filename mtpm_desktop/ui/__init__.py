"""mtpm_desktop.ui"""
