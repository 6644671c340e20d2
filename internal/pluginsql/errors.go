package pluginsql

import (
	"errors"
	"strings"

	"google.golang.org/grpc/status"
)

// PluginError is an error returned by the plugin while it ran a table scan.
// It reaches the caller wrapped in the SQL error, so errors.As finds it.
type PluginError struct {
	Table      string // plugin table name
	Connection string // connection (or aggregator) queried
	Msg        string // the plugin's message, without gRPC status noise
}

// Error returns the table and the plugin's message.
func (e *PluginError) Error() string { return e.Table + ": " + e.Msg }

// cleanError strips the gRPC status wrapping the SDK puts around plugin
// errors ("rpc error: code = Internal desc = ...") and trailing newlines, so
// users see the plugin's own message.
func cleanError(err error) error {
	if err == nil {
		return nil
	}
	msg := err.Error()
	if st, ok := status.FromError(err); ok {
		msg = st.Message()
	}
	// combined errors may carry the prefix further in
	for {
		i := strings.Index(msg, "rpc error: code = ")
		if i < 0 {
			break
		}
		j := strings.Index(msg[i:], " desc = ")
		if j < 0 {
			break
		}
		msg = msg[:i] + msg[i+j+len(" desc = "):]
	}
	return errors.New(strings.TrimSpace(msg))
}
