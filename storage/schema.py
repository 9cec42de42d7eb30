"""Every model module, imported together so Base.metadata describes the whole database.

Alembic (storage/migrations/env.py) and the migration test read the schema from here; a new
model module must be added to this list.
"""
from storage import action_models, auth_models, models, survey_models  # noqa: F401  (imported for their tables)
from storage.base import Base

metadata = Base.metadata
