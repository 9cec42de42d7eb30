"""Every model module, imported together so Base.metadata describes the whole database.

Alembic (storage/migrations/env.py) and the migration test read the schema from here; a new
model module must be added to this list.
"""

from storage import (  # noqa: F401  (imported for their tables)
    action_models,
    assessment_models,
    asset_models,
    auth_models,
    change_models,
    digest_models,
    idea_models,
    indicator_models,
    models,
    name_models,
    pb_models,
    response_models,
    survey_models,
)
from storage.base import Base

metadata = Base.metadata
