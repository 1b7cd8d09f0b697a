package main

import (
	"fmt"
	"io"
	"strings"
)

// writeGitHub prints one GitHub Actions ::error workflow command per
// finding, so that the runner annotates the line in the pull request.
// Columns count UTF-16 code units, as SARIF does.
func writeGitHub(w io.Writer, findings []*finding, src *sources) {
	for _, f := range findings {
		fmt.Fprintf(w, "::error file=%s,line=%d,endLine=%d,col=%d,endColumn=%d,title=%s::%s\n",
			escapeProperty(src.rel(f.posn.file)), f.posn.line, f.end.line,
			src.column16(f.posn), src.column16(f.end),
			escapeProperty(f.analyzer), escapeData(f.diag.Message))
	}
}

// dataEscaper escapes the message of a workflow command.
var dataEscaper = strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A")

// propertyEscaper escapes a property value of a workflow command.
var propertyEscaper = strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C")

// escapeData escapes s for the message part of a workflow command.
func escapeData(s string) string { return dataEscaper.Replace(s) }

// escapeProperty escapes s for a property value of a workflow command.
func escapeProperty(s string) string { return propertyEscaper.Replace(s) }
