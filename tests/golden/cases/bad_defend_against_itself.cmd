treaty query examples/seed/scenarios.treaty -e "who must defend Tajikistan against Tajikistan" --at 2016-09-01
