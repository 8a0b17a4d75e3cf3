treaty query examples/real/nato.treaty -e 'members of NATO' --reasons none
