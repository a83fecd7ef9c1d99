"""Naast je kind: the handbook's own logic, plain and tested; MkDocs hooks stay thin."""
