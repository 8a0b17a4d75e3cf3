treaty query examples/real -e 'when did SWD join NATO at 2016-01-01' -e 'when did SWD join NATO at 2025-01-01' --format json
