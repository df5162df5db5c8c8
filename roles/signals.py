"""Signals the framework sends so that apps built on it can react without the framework
importing them (``roles`` and ``skills`` never import the recruiting app).

``scoring_inputs_changed`` is sent by the role services, inside their transaction, after a
role's requirements or minimum years of experience changed; ``role_ids`` names the roles. The
recruiting app marks the stored scores of those roles stale and queues their rescoring.
"""

from django.dispatch import Signal

scoring_inputs_changed = Signal()
