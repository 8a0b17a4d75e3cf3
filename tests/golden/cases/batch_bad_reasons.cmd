treaty query examples/real/nato.treaty -f - --reasons some
