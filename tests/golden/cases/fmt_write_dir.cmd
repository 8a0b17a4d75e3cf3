t=$(mktemp -d) && cp -R tests/golden/inputs/fmt/dir $t/ && treaty fmt -w $t/dir; echo "fmt -w: $?"; cat $t/dir/a.treaty $t/dir/sub/b.treaty $t/dir/notes.txt; ls -A $t/dir; rm -rf $t
