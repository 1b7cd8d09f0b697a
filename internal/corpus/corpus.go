// Package corpus locates leaklint's analysistest corpus for the tests of
// the engine and the analyzers.
package corpus

import (
	"os/exec"
	"path/filepath"
	"runtime"
	"sync"
	"testing"
)

// root is the repository's testdata directory.
var root = func() string {
	_, file, _, _ := runtime.Caller(0)
	return filepath.Join(filepath.Dir(file), "..", "..", "testdata")
}()

// Dir returns the GOPATH-style tree of database/sql cases (testdata/src).
func Dir(t *testing.T) string {
	t.Helper()
	return root
}

var (
	download    sync.Once
	downloadErr error
	downloadOut []byte
)

// Libs returns the module of cases that type-check against the real
// pgx, sqlx and gorm (testdata/libs), after downloading its requirements
// through the Go module proxy: analysistest loads modules with
// GOPROXY=off, from the module cache.
func Libs(t *testing.T) string {
	t.Helper()
	dir := filepath.Join(root, "libs")
	download.Do(func() {
		cmd := exec.Command("go", "mod", "download")
		cmd.Dir = dir
		downloadOut, downloadErr = cmd.CombinedOutput()
	})
	if downloadErr != nil {
		t.Fatalf("go mod download in %s: %v\n%s", dir, downloadErr, downloadOut)
	}
	return dir
}
