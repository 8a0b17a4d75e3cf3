treaty query examples/atop -e "who must defend ARM at 2015-01-01"
