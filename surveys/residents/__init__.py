"""Pages for residents: the front page, survey pages a page at a time, and "You said, we did"."""
