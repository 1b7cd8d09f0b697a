// Package peer names the peer linter that make bench and make realbugs
// measure beside leaklint, and installs it through the module proxy.
package peer

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
)

// Sqlclosecheck is the peer linter, as a go install argument.
const Sqlclosecheck = "github.com/ryanrolds/sqlclosecheck@v0.6.0"

// InstallSqlclosecheck builds Sqlclosecheck into dir with go install and
// returns the path of the executable. It runs in dir, outside any module
// of this repository, so that the tool's own go.mod decides its
// dependencies.
func InstallSqlclosecheck(dir string) (string, error) {
	cmd := exec.Command("go", "install", Sqlclosecheck)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GOBIN="+dir)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Run(); err != nil {
		return "", fmt.Errorf("go install %s: %v\n%s", Sqlclosecheck, err, stderr.String())
	}
	return filepath.Join(dir, "sqlclosecheck"), nil
}
