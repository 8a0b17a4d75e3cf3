mkdir -p build/golden && head -c 17000000 /dev/zero | tr '\\0' ' ' > build/golden/huge.treaty && treaty check build/golden/huge.treaty
