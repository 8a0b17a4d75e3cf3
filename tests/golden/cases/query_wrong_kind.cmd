treaty query examples/seed/scenarios.treaty -e "members of Russia"
