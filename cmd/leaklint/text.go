package main

import (
	"fmt"
	"io"
)

// writeText prints one "file:line:col: message (analyzer)" line per
// finding ("file:line:" where a //line directive gave no column), with the path relative to the current directory, followed by
// the offending line and context lines around it when context >= 0.
func writeText(w io.Writer, findings []*finding, src *sources, context int) {
	for _, f := range findings {
		p := f.posn
		fmt.Fprintf(w, "%s: %s (%s)\n", position{src.rel(p.file), p.line, p.col}, f.diag.Message, f.analyzer)
		if context < 0 {
			continue
		}
		last := min(max(f.end.line, p.line)+context, lineCount(src.content(p.file)))
		for n := max(p.line-context, 1); n <= last; n++ {
			fmt.Fprintf(w, "\t%d\t%s\n", n, src.line(p.file, n))
		}
	}
}

// lineCount returns the number of lines of data.
func lineCount(data []byte) int {
	n := 0
	for i, b := range data {
		if b == '\n' || i == len(data)-1 {
			n++
		}
	}
	return n
}
