"""Configurations for hosted content managers (Decap CMS) generated from the format."""
