treaty test examples/real
