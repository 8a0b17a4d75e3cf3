mkdir -p build/golden && rm -f build/golden/fsize.txt && (ulimit -f 1 && trap '' XFSZ && treaty test -v examples/seed > build/golden/fsize.txt; echo "test: $?")
