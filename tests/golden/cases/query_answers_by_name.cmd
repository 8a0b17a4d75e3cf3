treaty query tests/golden/inputs/descending.treaty --at 2010 -e 'members of Zeta' -e 'members of Ypsilon' -e 'who must defend Zed' -e 'organisations of Zed' -e 'eval members(Zeta)'
