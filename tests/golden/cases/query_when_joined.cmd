treaty query examples/seed -e 'when did Uzbekistan join CSTO' -e 'when did Afghanistan join CSTO' --at 2020-01-01
