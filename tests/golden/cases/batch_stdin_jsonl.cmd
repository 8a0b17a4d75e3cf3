printf 'members of NATO at 1949-04-04\n' | treaty query examples/real/nato.treaty -f - --format jsonl
