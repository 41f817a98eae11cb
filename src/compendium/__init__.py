"""Multilingual publishing toolchain for the UNODC Technical Assistance compendium."""
__version__ = "0.1.0"
