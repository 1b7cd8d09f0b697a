package main

import (
	"bytes"
	"fmt"
	"io"
	"slices"
	"strings"
)

// writeDiff prints the change from old to new as a unified diff with
// three lines of context.
func writeDiff(w io.Writer, name string, old, new []byte) {
	if bytes.Equal(old, new) {
		return
	}
	a, b := lines(old), lines(new)
	ops := lineDiff(a, b)
	fmt.Fprintf(w, "--- a/%s\n+++ b/%s\n", name, name)
	const context = 3
	for i := 0; i < len(ops); {
		for i < len(ops) && ops[i].kind == ' ' {
			i++
		}
		if i == len(ops) {
			break
		}
		// A hunk runs from the change at i over every later change that
		// follows the previous one within 2*context kept lines.
		start, last := max(i-context, 0), i
		for {
			for last < len(ops) && ops[last].kind != ' ' {
				last++
			}
			kept := last
			for kept < len(ops) && ops[kept].kind == ' ' {
				kept++
			}
			if kept == len(ops) || kept-last > 2*context {
				break
			}
			last = kept
		}
		end := min(last+context, len(ops))
		var na, nb int
		for _, o := range ops[start:end] {
			na += btoi(o.kind != '+')
			nb += btoi(o.kind != '-')
		}
		fmt.Fprintf(w, "@@ -%d,%d +%d,%d @@\n", ops[start].a+1, na, ops[start].b+1, nb)
		for _, o := range ops[start:end] {
			l := o.line
			if !strings.HasSuffix(l, "\n") {
				l += "\n\\ No newline at end of file\n"
			}
			fmt.Fprintf(w, "%c%s", o.kind, l)
		}
		i = end
	}
}

// An op is one line of a diff: kept (' '), deleted ('-') or inserted
// ('+'), with the number of lines of a and b before it.
type op struct {
	kind rune
	line string
	a, b int
}

// lineDiff returns a shortest edit script from a to b, by Myers'
// O(ND) algorithm: fixes change few lines, so D is small.
func lineDiff(a, b []string) []op {
	n, m := len(a), len(b)
	off := n + m + 1
	v := make([]int, 2*off+1)
	var trace [][]int
search:
	for d := 0; d <= n+m; d++ {
		trace = append(trace, append([]int(nil), v...))
		for k := -d; k <= d; k += 2 {
			x := v[off+k-1] + 1 // from a deletion
			if k == -d || k != d && v[off+k-1] < v[off+k+1] {
				x = v[off+k+1] // from an insertion
			}
			for y := x - k; x < n && y < m && a[x] == b[y]; y++ {
				x++
			}
			v[off+k] = x
			if x >= n && x-k >= m {
				break search
			}
		}
	}
	// Walk back from (n, m) through the frontiers saved before each round.
	var ops []op
	x, y := n, m
	for d := len(trace) - 1; d >= 0; d-- {
		v, k := trace[d], x-y
		pk := k - 1
		if k == -d || k != d && v[off+k-1] < v[off+k+1] {
			pk = k + 1
		}
		px := v[off+pk]
		py := px - pk
		for x > px && y > py {
			x, y = x-1, y-1
			ops = append(ops, op{' ', a[x], x, y})
		}
		if d == 0 {
			break
		}
		if x == px {
			ops = append(ops, op{'+', b[py], px, py})
		} else {
			ops = append(ops, op{'-', a[px], px, py})
		}
		x, y = px, py
	}
	slices.Reverse(ops)
	return ops
}

// btoi returns 1 for true and 0 for false.
func btoi(b bool) int {
	if b {
		return 1
	}
	return 0
}

// lines splits data into lines that keep their newline.
func lines(data []byte) []string {
	var ls []string
	for len(data) > 0 {
		i := bytes.IndexByte(data, '\n') + 1
		if i == 0 {
			i = len(data)
		}
		ls = append(ls, string(data[:i]))
		data = data[i:]
	}
	return ls
}
