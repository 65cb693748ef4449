"""The timeline's storage, as one import: a facade over ``followup.log`` (schema, records, store,
imports, planner glue, next steps). Kept because tests and scripts call ``followup.tracker.*``."""
from followup.log.from_plan import add_plan, add_plan_to_log, plan_uid  # noqa: F401
from followup.log.imports import ImportReport, import_log  # noqa: F401
from followup.log.next_steps import (  # noqa: F401
    AFTER_REJECTION, DUE_ORDER, KEEP_DOOR_OPEN, NextStep, _due, complete_step, next_step_for, next_steps,
    next_steps_and_plans, plan_for)
from followup.log.records import (  # noqa: F401
    KINDS, MAX_TEXT, OUTCOME_STATUS, PLAN_KIND_TO_EVENT, PLAN_STEP_LABEL, PRIVATE_ROW_CAP, STATUSES, RowLimitError, ValidationError,
    row_cap, clean_application,
    clean_event)
from followup.log.schema import (  # noqa: F401
    MIGRATIONS, SCHEMA_VERSION, _v1_metadata, applications, events, make_engine, metadata, migrate, prepare,
    schema_table, schema_version)
from followup.log.store import (  # noqa: F401
    APP_FIELDS, EVENT_FIELDS, add_application, added_lately, add_event, count_rows, delete_application, delete_event,
    delete_workspace, get_application, list_applications, list_events, load_log, update_application,
    update_event)
