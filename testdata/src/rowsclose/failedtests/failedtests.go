// Package failedtests pins what a failed test that goes on means: a test
// that expected the call to fail holds the resource only because it
// failed (not reported); a test that failed on the data goes on with the
// rows open, and leaks them (go-sql-driver/mysql fixed such leaks).
package failedtests
