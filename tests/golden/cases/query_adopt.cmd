treaty query examples/seed/scenarios.treaty -e "does QCCM adopt \"joint patrols\" with objections from Afghanistan" --at 2016-09-01
