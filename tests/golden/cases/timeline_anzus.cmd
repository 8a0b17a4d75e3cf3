treaty timeline ANZUS examples/real/anzus.treaty
