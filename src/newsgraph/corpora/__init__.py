"""Readers for annotated corpora used to train and evaluate the extractors."""
