// Package integration runs leaklint as its users do: the command is built
// with go build and run on a module written by the tests, standalone
// (text, JSON, SARIF, GitHub annotations, -fix, exit codes, the go vet
// cache) and as go vet's tool. These tests are slow: go test -short skips
// them. The golangci-lint plugin and the pre-commit hook are proven by
// the subdirectories golangci and precommit.
package integration
