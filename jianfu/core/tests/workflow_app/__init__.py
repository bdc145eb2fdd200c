"""A tiny app, installed only under test settings, that gives the transition engine a model."""
