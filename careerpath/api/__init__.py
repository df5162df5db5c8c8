"""The API machinery every app shares: errors, parser, fields, serializers, permissions,
pagination, schema, base views; ``urls`` wires the apps' endpoints onto one router."""
