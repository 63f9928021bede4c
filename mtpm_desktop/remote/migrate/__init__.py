"""Moves, backups and restores, on top of the service. Imports the service and wings below; none imports it"""
