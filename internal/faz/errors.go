package faz

import (
	"errors"
	"fmt"
	"strings"
)

// ErrStop may be returned by a row callback to stop a run early without an
// error. The server task is deleted exactly as on any other exit.
var ErrStop = errors.New("faz: stop requested by caller")

// Legacy (dvmdb) and JSON-RPC codes the predicates rely on.
const (
	codeObjectNotExist = -3
	codeInvalidURL     = -6
	codeInvalidParam   = -8
	codeInvalidData    = -10
	codeNoPermission   = -11
	codeInvalidTID     = -32005
	codeJSONRPCParams  = -32602
)

// APIError is an error reported by the appliance, either in the JSON-RPC
// "error" object, in a legacy result[].status, or as an HTTP error status.
// It never contains the session id or credentials.
type APIError struct {
	Code       int    // FAZ status or JSON-RPC error code (0 when only HTTPStatus is set)
	Message    string // the appliance's message, verbatim
	URL        string // the FAZ resource url of the call, e.g. /sys/status
	Method     string // the JSON-RPC verb: get, add, delete, exec ...
	HTTPStatus int    // HTTP status when it was not 200, else 0
}

// Error implements error.
func (e *APIError) Error() string {
	if e.HTTPStatus != 0 && e.Code == 0 {
		return fmt.Sprintf("faz: %s %s: HTTP %d: %s", e.Method, e.URL, e.HTTPStatus, e.Message)
	}
	return fmt.Sprintf("faz: %s %s: code %d: %s", e.Method, e.URL, e.Code, e.Message)
}

// taskFate says why a task could not be read.
type taskFate int

const (
	// taskRunning: the task was still running when the wait ended.
	taskRunning taskFate = iota + 1
	// taskExpired: the task existed (this client saw it, or the appliance
	// said so) but is gone now.
	taskExpired
	// taskUnknown: the appliance does not know the tid; it may never have
	// existed or may have expired before this client saw it.
	taskUnknown
)

// String names the state.
func (s taskFate) String() string {
	switch s {
	case taskRunning:
		return "running"
	case taskExpired:
		return "expired"
	case taskUnknown:
		return "unknown or expired"
	}
	return fmt.Sprintf("taskFate(%d)", int(s))
}

// taskError reports a FortiView or log-search task that is still running,
// has expired, or is unknown. Cause is the appliance error, if any.
type taskError struct {
	TID        int
	State      taskFate
	Kind       string // "fortiview" or "logsearch"
	View       string // FortiView name or log type
	Percentage int    // last observed percentage (taskRunning)
	Cause      error
}

// Error implements error.
func (e *taskError) Error() string {
	s := fmt.Sprintf("faz: %s task %d (%s) is %s", e.Kind, e.TID, e.View, e.State)
	if e.State == taskRunning {
		s += fmt.Sprintf(" (%d%%)", e.Percentage)
	}
	if e.Cause != nil {
		s += ": " + e.Cause.Error()
	}
	return s
}

// Unwrap returns the appliance error behind the task error.
func (e *taskError) Unwrap() error { return e.Cause }

// apiErr extracts an *APIError from err's chain.
func apiErr(err error) (*APIError, bool) {
	var ae *APIError
	if errors.As(err, &ae) {
		return ae, true
	}
	return nil, false
}

func msgHas(ae *APIError, subs ...string) bool {
	m := strings.ToLower(ae.Message)
	for _, s := range subs {
		if strings.Contains(m, s) {
			return true
		}
	}
	return false
}

// isNoPermission reports a permission denial or an expired session: legacy
// code -11, or HTTP 401/403 (rejected API key, trusted-host mismatch).
func isNoPermission(err error) bool {
	ae, ok := apiErr(err)
	if !ok {
		return false
	}
	return ae.Code == codeNoPermission || ae.HTTPStatus == 401 || ae.HTTPStatus == 403
}

// isTaskInvalid reports an invalid, unknown or expired task id.
func isTaskInvalid(err error) bool {
	var te *taskError
	if errors.As(err, &te) {
		return te.State == taskExpired || te.State == taskUnknown
	}
	ae, ok := apiErr(err)
	if !ok {
		return false
	}
	return ae.Code == codeInvalidTID || msgHas(ae, "invalid tid", "invalid task", "task expired", "tid expired", "task not found")
}

// isNoSlot reports that the appliance has no free search slot.
func isNoSlot(err error) bool {
	ae, ok := apiErr(err)
	return ok && msgHas(ae, "no available slot", "no free slot")
}

// isNotFound reports an object, URL or FortiView that does not exist.
func isNotFound(err error) bool {
	ae, ok := apiErr(err)
	if !ok || isTaskInvalid(err) {
		return false
	}
	return ae.Code == codeObjectNotExist || ae.Code == codeInvalidURL || ae.HTTPStatus == 404 ||
		msgHas(ae, "cannot find", "not found", "does not exist", "can be found")
}

// isInvalidParam reports a request the appliance rejected as malformed:
// bad parameters, filters, limits or sort columns.
func isInvalidParam(err error) bool {
	ae, ok := apiErr(err)
	if !ok {
		return false
	}
	return ae.Code == codeInvalidParam || ae.Code == codeInvalidData || ae.Code == codeJSONRPCParams ||
		msgHas(ae, "invalid params", "invalid filter", "missing columns", "bigger than max", "invalid parameter", "no params")
}

// ConfigError reports an invalid Config or call argument; Param names the
// offending parameter and the message says what is accepted.
type ConfigError struct {
	Param string
	Msg   string
}

// Error implements error.
func (e *ConfigError) Error() string { return "faz: invalid " + e.Param + ": " + e.Msg }

func paramErr(param, format string, args ...any) error {
	return &ConfigError{Param: param, Msg: fmt.Sprintf(format, args...)}
}
