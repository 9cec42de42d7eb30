"""Action plans: what is planned where and by whom, importing a plan, updates and reminders.

Imports storage, engagement's shared modules (model, errors, tabular, figures) and engagement.areas
(to place actions in areas). Never flask or slack."""
