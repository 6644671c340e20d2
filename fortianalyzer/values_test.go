package fortianalyzer

import (
	"encoding/json"
	"reflect"
	"testing"

	"github.com/turbot/steampipe-plugin-sdk/v5/grpc/proto"
)

func TestConvertAcceptsBothNumberForms(t *testing.T) {
	cases := []struct {
		typ  proto.ColumnType
		in   any
		want any
	}{
		{proto.ColumnType_INT, json.Number("1000"), int64(1000)},
		{proto.ColumnType_INT, "1000", int64(1000)},
		{proto.ColumnType_INT, " 42 ", int64(42)},
		{proto.ColumnType_INT, "1.5e3", int64(1500)},
		{proto.ColumnType_INT, "", nil},
		{proto.ColumnType_INT, "n/a", nil},
		{proto.ColumnType_INT, int64(0), int64(0)}, // a real zero stays zero, never NULL
		{proto.ColumnType_DOUBLE, "2.5", 2.5},
		{proto.ColumnType_STRING, "", nil},
		{proto.ColumnType_STRING, json.Number("7"), "7"},
		{proto.ColumnType_INET, "10.0.1.5", "10.0.1.5"},
		{proto.ColumnType_INET, "2001:db8::1", "2001:db8::1"},
		{proto.ColumnType_INET, "not-an-ip", nil},
		{proto.ColumnType_BOOL, "no", false},
		{proto.ColumnType_BOOL, "yes", true},
		{proto.ColumnType_BOOL, json.Number("1"), true},
		{proto.ColumnType_BOOL, "maybe", nil},
	}
	for _, tc := range cases {
		if got := convert(tc.typ, tc.in); !reflect.DeepEqual(got, tc.want) {
			t.Errorf("convert(%v, %#v) = %#v, want %#v", tc.typ, tc.in, got, tc.want)
		}
	}
}

func TestToList(t *testing.T) {
	if got := toList("FGT1, FGT2,,FGT3"); !reflect.DeepEqual(got, []string{"FGT1", "FGT2", "FGT3"}) {
		t.Errorf("comma list: %#v", got)
	}
	if got := toList([]any{"10.0.0.1", json.Number("3")}); !reflect.DeepEqual(got, []string{"10.0.0.1", "3"}) {
		t.Errorf("array: %#v", got)
	}
	if got := toList(""); !reflect.DeepEqual(got, []string{}) {
		t.Errorf("empty string should be an empty list, got %#v", got)
	}
}
