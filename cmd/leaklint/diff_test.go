package main

import (
	"bytes"
	"fmt"
	"strings"
	"testing"
)

// TestDiffHunks checks writeDiff on changes far apart (two hunks), near
// each other (one hunk), at both ends of a file and without a final
// newline, by applying the diff back to the old text.
func TestDiffHunks(t *testing.T) {
	var lines []string
	for i := range 30 {
		lines = append(lines, fmt.Sprintf("line %d\n", i))
	}
	old := strings.Join(lines, "")
	for _, c := range []struct {
		name  string
		new   string
		hunks int
	}{
		{"far apart", strings.Replace(strings.Replace(old, "line 3\n", "line 3\nnew A\n", 1), "line 25\n", "", 1), 2},
		{"near", strings.Replace(strings.Replace(old, "line 3\n", "", 1), "line 8\n", "line 8\nnew B\n", 1), 1},
		{"ends", "first\n" + strings.TrimSuffix(old, "line 29\n") + "last", 2},
		{"same", old, 0},
	} {
		var buf bytes.Buffer
		writeDiff(&buf, "f.go", []byte(old), []byte(c.new))
		if c.hunks == 0 {
			if buf.Len() != 0 {
				t.Errorf("%s: diff of equal files:\n%s", c.name, &buf)
			}
			continue
		}
		if n := strings.Count(buf.String(), "\n@@ "); n != c.hunks {
			t.Errorf("%s: %d hunks, want %d:\n%s", c.name, n, c.hunks, &buf)
		}
		if got := patch(t, old, buf.String()); got != c.new {
			t.Errorf("%s: the diff does not turn old into new:\n%s", c.name, &buf)
		}
	}
}

// patch applies a unified diff made by writeDiff to old, checking its
// hunk headers and its context and deleted lines.
func patch(t *testing.T, old, diff string) string {
	t.Helper()
	a := lines([]byte(old))
	var out []string
	next := 0            // the next line of a to copy
	var wantA, wantB int // the counts of the current hunk's header
	var gotA, gotB int   // its lines so far
	check := func() {
		if gotA != wantA || gotB != wantB {
			t.Errorf("hunk header says -%d +%d, body has -%d +%d", wantA, wantB, gotA, gotB)
		}
	}
	for _, l := range lines([]byte(diff))[2:] { // after --- and +++
		if l == "\\ No newline at end of file\n" {
			out[len(out)-1] = strings.TrimSuffix(out[len(out)-1], "\n")
			continue
		}
		var start, na, nb int
		if _, err := fmt.Sscanf(l, "@@ -%d,%d +%d,%d @@", &start, &na, new(int), &nb); err == nil {
			if gotA+gotB > 0 {
				check()
			}
			out, next = append(out, a[next:start-1]...), start-1
			wantA, wantB, gotA, gotB = na, nb, 0, 0
			continue
		}
		switch text := l[1:]; l[0] {
		case ' ', '-':
			if strings.TrimSuffix(a[next], "\n") != strings.TrimSuffix(text, "\n") {
				t.Fatalf("context or deleted line %q is %q in old", text, a[next])
			}
			if l[0] == ' ' {
				out, gotB = append(out, a[next]), gotB+1
			}
			next, gotA = next+1, gotA+1
		case '+':
			out, gotB = append(out, text), gotB+1
		default:
			t.Fatalf("bad diff line %q", l)
		}
	}
	check()
	return strings.Join(append(out, a[next:]...), "")
}
