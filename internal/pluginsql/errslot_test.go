package pluginsql

import (
	"context"
	"errors"
	"testing"

	"github.com/turbot/steampipe-plugin-sdk/v5/grpc/proto"
	"github.com/turbot/steampipe-plugin-sdk/v5/plugin"
)

// The SDK can return nil from Execute for a scan whose list hydrate failed (errslot.go); the
// race is the SDK's, so these tests drive the mechanism that reports the error regardless.
func TestRecordedListErrorIsReportedWhenExecuteReturnsNil(t *testing.T) {
	boom := errors.New("boom")
	ctx, slot := withErrSlot(context.Background())
	list := recording(func(context.Context, *plugin.QueryData, *plugin.HydrateData) (any, error) { return nil, boom })
	d := &plugin.QueryData{Connection: &plugin.Connection{Name: "a"}}
	if _, err := list(ctx, d, nil); !errors.Is(err, boom) {
		t.Fatalf("the wrapper changed the hydrate's error: %v", err)
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	ex := &execution{ctx: ctx, cancel: cancel, rows: make(chan *proto.ExecuteResponse), done: make(chan struct{}), slot: slot}
	close(ex.done) // Execute returned nil: the SDK dropped the error
	if r, err := ex.next(); r != nil || !errors.Is(err, boom) {
		t.Fatalf("next() = %v, %v; want the list hydrate's error", r, err)
	}
}

func TestErrSlotKeepsEachConnectionsLastOutcome(t *testing.T) {
	_, s := withErrSlot(context.Background())
	s.set("a", errors.New("first try failed"))
	s.set("a", nil) // a retry succeeded
	if err := s.get(); err != nil {
		t.Fatalf("a later success must clear the error: %v", err)
	}
	s.set("a", errors.New("child a failed"))
	s.set("b", nil) // another connection of an aggregator succeeding keeps a's error
	if err := s.get(); err == nil || err.Error() != "a: child a failed" {
		t.Fatalf("got %v, want child a's error", err)
	}
}
