treaty graph --at 1914-07-28 examples/atop | dot -Tsvg | python3 -c 'import sys, xml.dom.minidom; xml.dom.minidom.parse(sys.stdin); print("valid SVG")'
