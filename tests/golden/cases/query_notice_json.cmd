treaty query --format json tests/golden/inputs/notice.treaty -e 'members of NATO at 2025-02-27' -e 'members of NATO at 2025-02-28'
