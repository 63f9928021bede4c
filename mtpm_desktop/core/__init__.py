"""mtpm_desktop.core"""
