treaty query examples/real -e 'whenever did EST join NATO'
