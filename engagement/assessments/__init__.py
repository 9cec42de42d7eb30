"""Impact assessments of actions, surveys, PB rounds and committee decisions."""
