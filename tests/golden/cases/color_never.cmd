treaty query --color=never examples/seed/scenarios.treaty -e "members of QCCM" --at 2017 | sed -n 1,2p
