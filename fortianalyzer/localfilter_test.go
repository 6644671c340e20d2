package fortianalyzer

import (
	"testing"

	"github.com/turbot/steampipe-plugin-sdk/v5/grpc/proto"
	"github.com/turbot/steampipe-plugin-sdk/v5/plugin/quals"
)

func intQual(op string, v int64) *quals.Qual {
	return &quals.Qual{Operator: op, Value: &proto.QualValue{Value: &proto.QualValue_Int64Value{Int64Value: v}}}
}

func strQual(op string, vs ...string) *quals.Qual {
	if len(vs) == 1 {
		return &quals.Qual{Operator: op, Value: &proto.QualValue{Value: &proto.QualValue_StringValue{StringValue: vs[0]}}}
	}
	var list []*proto.QualValue
	for _, v := range vs {
		list = append(list, &proto.QualValue{Value: &proto.QualValue_StringValue{StringValue: v}})
	}
	return &quals.Qual{Operator: op, Value: &proto.QualValue{Value: &proto.QualValue_ListValue{ListValue: &proto.QualValueList{Values: list}}}}
}

func TestQualHolds(t *testing.T) {
	cases := []struct {
		q    *quals.Qual
		v    any
		want bool
	}{
		{intQual("=", 0), int64(0), true},
		{intQual("=", 0), int64(3), false},
		{intQual(">", 0), int64(3), true},
		{intQual(">", 3), int64(3), false},
		{intQual(">=", 3), int64(3), true},
		{intQual("<", 3), int64(2), true},
		{intQual("<=", 3), int64(4), false},
		{intQual("<>", 3), int64(4), true},
		{intQual("<>", 3), int64(3), false},
		{intQual(">", 1), 2.5, true},
		{intQual("=", 1), nil, false}, // NULL satisfies nothing
		{strQual("=", "critical"), "critical", true},
		{strQual("=", "high", "critical"), "critical", true},
		{strQual("=", "high", "low"), "critical", false},
		{strQual("<>", "info"), "info", false},
		// Values of different kinds are left to SQL: never drop a row it might keep.
		{strQual("=", "3"), int64(3), true},
		{intQual(">", 3), "abc", true},
	}
	for i, tc := range cases {
		if got := qualHolds(tc.q, tc.v); got != tc.want {
			t.Errorf("case %d: %s %v against %#v = %v, want %v", i, tc.q.Operator, tc.q.Value, tc.v, got, tc.want)
		}
	}
}
