"""Bibliography: the biblatex-aware pybtex style, date bridge and formatting speedups."""
