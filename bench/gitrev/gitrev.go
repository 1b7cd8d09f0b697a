// Package gitrev names the leaklint source that the reports measured: the
// commit of the working tree, and whether leaklint's own files differed
// from it (the tree is often measured between commits).
package gitrev

import (
	"fmt"
	"os"
	"os/exec"
	"strings"
)

// sources are the paths that make up the leaklint command.
var sources = []string{"go.mod", "go.sum", "cmd", "analyzers", "internal"}

// Describe returns "commit C of the working tree", with the uncommitted
// changes to leaklint's sources, if any, for the repository at root. It
// only reads: GIT_OPTIONAL_LOCKS=0 keeps git from refreshing the index.
func Describe(root string) string {
	head := git(root, "rev-parse", "--short", "HEAD")
	if head == "" {
		return "unknown commit"
	}
	s := "commit " + head + " of the working tree"
	changed := strings.Fields(git(root, append([]string{"diff", "--name-only", "HEAD", "--"}, sources...)...))
	switch {
	case len(changed) == 0:
	case len(changed) <= 3:
		s += fmt.Sprintf(", with uncommitted changes to %s", strings.Join(changed, ", "))
	default:
		s += fmt.Sprintf(", with uncommitted changes to %d files of leaklint", len(changed))
	}
	return s
}

// git runs git in dir and returns its trimmed output, or "" on error.
func git(dir string, args ...string) string {
	cmd := exec.Command("git", args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GIT_OPTIONAL_LOCKS=0")
	out, err := cmd.Output()
	if err != nil {
		return ""
	}
	return strings.TrimSpace(string(out))
}
