package fortianalyzer

import (
	"testing"
	"time"

	"github.com/turbot/steampipe-plugin-sdk/v5/grpc/proto"
	"github.com/turbot/steampipe-plugin-sdk/v5/plugin/quals"
	"google.golang.org/protobuf/types/known/timestamppb"
)

func tq(op string, t time.Time) *quals.Qual {
	return &quals.Qual{Operator: op, Value: &proto.QualValue{Value: &proto.QualValue_TimestampValue{TimestampValue: timestamppb.New(t)}}}
}

func TestBoundFromQuals(t *testing.T) {
	def := time.Date(2026, 11, 22, 12, 0, 0, 0, time.UTC)
	x := time.Date(2026, 11, 22, 10, 0, 0, 0, time.UTC)
	cases := []struct {
		name  string
		qs    []*quals.Qual
		want  time.Time
		empty bool
	}{
		{"none", nil, def, false},
		{"eq", []*quals.Qual{tq("=", x)}, x, false},
		{"ge raises", []*quals.Qual{tq(">=", def.Add(time.Hour))}, def.Add(time.Hour), false},
		{"ge keeps default", []*quals.Qual{tq(">=", x)}, def, false},
		{"gt is one second later", []*quals.Qual{tq(">", def.Add(time.Hour))}, def.Add(time.Hour + time.Second), false},
		{"le lowers", []*quals.Qual{tq("<=", x)}, x, false},
		{"lt is one second earlier", []*quals.Qual{tq("<", x)}, x.Add(-time.Second), false},
		{"eq outside range", []*quals.Qual{tq("=", x), tq(">", x)}, x, true},
		{"two different eq", []*quals.Qual{tq("=", x), tq("=", def)}, x, true},
		{"contradictory range", []*quals.Qual{tq(">", def), tq("<", x)}, x.Add(-time.Second), true},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got, empty := boundFromQuals(def, tc.qs)
			if empty != tc.empty || (!empty && !got.Equal(tc.want)) {
				t.Fatalf("got %s empty=%v, want %s empty=%v", got, empty, tc.want, tc.empty)
			}
		})
	}
}

func TestIsSerial(t *testing.T) {
	for s, want := range map[string]bool{
		"FGT60F3X17000001": true, "FG100FTK19000001": true, "FGVM01TM19000001": true,
		"FGT-HQ-01": false, "branch-fw": false, "FGT60F": false, "fgt60f3x17000001": false,
	} {
		if isSerial(s) != want {
			t.Errorf("isSerial(%q) = %v, want %v", s, !want, want)
		}
	}
}
