"""Adaptateurs autour du cœur pur : disque (SQLite, fichiers), terminal, invites."""
