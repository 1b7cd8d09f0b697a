package main

import (
	"bytes"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"strings"
	"unicode/utf16"
)

// sources reads the files that findings point into, once each.
type sources struct {
	dir      string // the current directory, for relative paths
	files    map[string][]byte
	fixables map[string]bool
}

// newSources returns a file cache that makes paths relative to dir.
func newSources(dir string) *sources {
	return &sources{dir: dir, files: make(map[string][]byte), fixables: make(map[string]bool)}
}

// content returns the content of file, or nil if it cannot be read.
func (s *sources) content(file string) []byte {
	data, ok := s.files[file]
	if !ok {
		data, _ = os.ReadFile(file)
		s.files[file] = data
	}
	return data
}

// line returns line n (from 1) of file without its newline, or "".
func (s *sources) line(file string, n int) string {
	data := s.content(file)
	for i := 1; i < n && data != nil; i++ {
		_, data, _ = bytes.Cut(data, []byte("\n"))
	}
	line, _, _ := bytes.Cut(data, []byte("\n"))
	return strings.TrimSuffix(string(line), "\r")
}

// column16 converts p's byte column to UTF-16 code units, from 1, as
// SARIF and editors count them. Beyond the line's end it counts bytes.
func (s *sources) column16(p position) int {
	if p.col <= 1 {
		return max(p.col, 1)
	}
	line := s.line(p.file, p.line)
	inLine := min(p.col-1, len(line))
	n := 1 + (p.col - 1 - inLine)
	for _, r := range line[:inLine] {
		n += utf16.RuneLen(r) // an invalid byte is U+FFFD: one unit
	}
	return n
}

// offsetPosition converts a byte offset in file to a line and byte column.
func (s *sources) offsetPosition(file string, offset int) position {
	data := s.content(file)
	offset = min(offset, len(data))
	before := data[:offset]
	line := bytes.Count(before, []byte("\n")) + 1
	col := offset - (bytes.LastIndexByte(before, '\n') + 1) + 1
	return position{file: file, line: line, col: col}
}

// generated reports whether file is a generated Go file (a "Code generated
// ... DO NOT EDIT." comment before its package clause).
func (s *sources) generated(file string) bool {
	data := s.content(file)
	if data == nil {
		return false
	}
	f, err := parser.ParseFile(token.NewFileSet(), file, data, parser.PackageClauseOnly|parser.ParseComments)
	return err == nil && ast.IsGenerated(f)
}

// fixable reports whether a suggested fix may edit file: a Go file that
// does not import "C" and has no //line directive. An edit's offsets are
// those of the file the analyzer parsed, which for a file that imports
// "C" is cgo's rewrite of it, and its file name is the one a //line
// directive gives: neither is the file on disk then.
func (s *sources) fixable(file string) bool {
	ok, seen := s.fixables[file]
	if seen {
		return ok
	}
	data := s.content(file)
	ok = strings.HasSuffix(file, ".go") && data != nil &&
		!bytes.Contains(data, []byte("//line ")) && !bytes.Contains(data, []byte("/*line "))
	if ok {
		f, _ := parser.ParseFile(token.NewFileSet(), file, data, parser.ImportsOnly)
		for _, imp := range f.Imports { // f is never nil for a file read
			if imp.Path.Value == `"C"` {
				ok = false
			}
		}
	}
	s.fixables[file] = ok
	return ok
}

// rel returns file relative to the current directory, with slashes, or
// file unchanged if it lies outside it.
func (s *sources) rel(file string) string {
	if r, err := filepath.Rel(s.dir, file); err == nil && filepath.IsLocal(r) {
		return filepath.ToSlash(r)
	}
	return file
}
