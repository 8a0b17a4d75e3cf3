treaty check tests/golden/inputs/bad_event_dates.treaty
