treaty export dyad-years examples/real/anzus.treaty --suppose 'USA leavs ANZUS'
