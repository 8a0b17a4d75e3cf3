treaty query examples/seed/scenarios.treaty -e "who must defend Tajikistan against IMT" --at 2016-09-01
