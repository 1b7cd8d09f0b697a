// Package markdown rewrites the generated section of a hand-written
// markdown file, for the reports of make bench and make realworld.
package markdown

import (
	"bytes"
	"fmt"
	"os"
	"slices"
	"strings"
)

// ReplaceSection replaces what lies between the lines begin and end of
// the file at path (the marks included) with begin, text and end. A file
// that does not exist is created with only that section; one without the
// marks is an error, so that hand-written text is never lost.
func ReplaceSection(path, begin, end, text string) error {
	section := begin + "\n" + text + end + "\n"
	old, err := os.ReadFile(path)
	if os.IsNotExist(err) {
		return os.WriteFile(path, []byte(section), 0o644)
	} else if err != nil {
		return err
	}
	i, j := bytes.Index(old, []byte(begin)), bytes.Index(old, []byte(end))
	if i < 0 || j < i {
		return fmt.Errorf("%s has no %q … %q section to replace", path, begin, end)
	}
	rest := bytes.TrimPrefix(old[j+len(end):], []byte("\n"))
	return os.WriteFile(path, append(append(slices.Clone(old[:i]), section...), rest...), 0o644)
}

// Cell makes s safe inside a table cell.
func Cell(s string) string {
	return strings.NewReplacer("|", "\\|", "\n", " ").Replace(s)
}
