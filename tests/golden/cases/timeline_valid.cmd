treaty timeline NATO --from 1949 --to 2024 examples/real/nato.treaty | python3 -c 'import sys, xml.dom.minidom; xml.dom.minidom.parse(sys.stdin); print("valid SVG")'
