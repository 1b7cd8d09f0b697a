package main

import "testing"

func TestRun(t *testing.T) {
	if err := run(nil); err != nil {
		t.Skip(err)
	}
}
