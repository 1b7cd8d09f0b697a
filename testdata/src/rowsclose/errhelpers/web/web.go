// Package web has error helpers and no database code: leaklint computes
// no facts for it.
package web

import (
	"io"
	"net/http"
)

// OK writes err, if any, and reports whether there was none.
func OK(w io.Writer, err error) bool {
	if err != nil {
		_, _ = io.WriteString(w, err.Error())
		return false
	}
	return true
}

// IsTimeout reports whether err is a timeout.
func IsTimeout(err error) bool {
	t, ok := err.(interface{ Timeout() bool })
	return ok && t.Timeout()
}

// Status is the HTTP status for err.
func Status(err error) int {
	if err != nil {
		return http.StatusInternalServerError
	}
	return http.StatusOK
}
