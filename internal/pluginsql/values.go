package pluginsql

import (
	"fmt"
	"math"
	"net"
	"strconv"
	"strings"
	"time"

	"github.com/ncruces/go-sqlite3"
	"github.com/turbot/steampipe-plugin-sdk/v5/grpc/proto"
	"google.golang.org/protobuf/types/known/timestamppb"
)

// TimeLayout is how timestamps appear in SQL: UTC text that sorts and
// compares with SQLite's datetime() results.
const TimeLayout = "2006-01-02 15:04:05"

// jsonSubtype is SQLite's subtype for JSON text ('J'), so json functions and
// -> / ->> treat the column as JSON rather than a string.
const jsonSubtype = 74

// timeLayouts are the text forms accepted in timestamp quals.
var timeLayouts = []string{
	time.RFC3339Nano,
	"2006-01-02 15:04:05.999999999Z07:00",
	"2006-01-02 15:04:05.999999999",
	"2006-01-02T15:04:05.999999999",
	"2006-01-02 15:04",
	"2006-01-02T15:04",
	"2006-01-02",
}

// ParseTime reads a timestamp given in SQL: RFC 3339, `YYYY-MM-DD[ HH:MM[:SS]]`
// (UTC) or unix seconds.
func ParseTime(s string) (time.Time, error) {
	s = strings.TrimSpace(s)
	for _, layout := range timeLayouts {
		if t, err := time.Parse(layout, s); err == nil {
			return t.UTC(), nil
		}
	}
	if n, err := strconv.ParseFloat(s, 64); err == nil {
		return unixTime(n), nil
	}
	return time.Time{}, fmt.Errorf("%q is not a timestamp: use RFC 3339, YYYY-MM-DD[ HH:MM[:SS]] (UTC) or unix seconds", s)
}

func unixTime(n float64) time.Time {
	sec, frac := math.Modf(n)
	return time.Unix(int64(sec), int64(frac*1e9)).UTC()
}

// qualValue converts a constraint's right-hand side to the plugin's type for
// column c. ok is false for NULL (a comparison with NULL never holds).
func qualValue(c column, v sqlite3.Value) (qv *proto.QualValue, ok bool, err error) {
	if v.Type() == sqlite3.NULL {
		return nil, false, nil
	}
	bad := func(want string) error {
		return fmt.Errorf("column %s: %q is not %s", c.Name, v.Text(), want)
	}
	switch c.Type {
	case proto.ColumnType_INT:
		switch v.NumericType() {
		case sqlite3.INTEGER:
			return &proto.QualValue{Value: &proto.QualValue_Int64Value{Int64Value: v.Int64()}}, true, nil
		case sqlite3.FLOAT:
			f := v.Float()
			if f != math.Trunc(f) {
				return nil, false, bad("an integer")
			}
			return &proto.QualValue{Value: &proto.QualValue_Int64Value{Int64Value: int64(f)}}, true, nil
		}
		return nil, false, bad("an integer")
	case proto.ColumnType_DOUBLE:
		if nt := v.NumericType(); nt == sqlite3.INTEGER || nt == sqlite3.FLOAT {
			return &proto.QualValue{Value: &proto.QualValue_DoubleValue{DoubleValue: v.Float()}}, true, nil
		}
		return nil, false, bad("a number")
	case proto.ColumnType_BOOL:
		switch v.Type() {
		case sqlite3.INTEGER, sqlite3.FLOAT:
			return &proto.QualValue{Value: &proto.QualValue_BoolValue{BoolValue: v.Float() != 0}}, true, nil
		}
		b, perr := strconv.ParseBool(v.Text())
		if perr != nil {
			return nil, false, bad("a boolean (0/1, true/false)")
		}
		return &proto.QualValue{Value: &proto.QualValue_BoolValue{BoolValue: b}}, true, nil
	case proto.ColumnType_TIMESTAMP, proto.ColumnType_DATETIME: //nolint:staticcheck // plugins may still declare DATETIME
		var t time.Time
		switch v.Type() {
		case sqlite3.INTEGER, sqlite3.FLOAT:
			t = unixTime(v.Float())
		default:
			var perr error
			if t, perr = ParseTime(v.Text()); perr != nil {
				return nil, false, fmt.Errorf("column %s: %w", c.Name, perr)
			}
		}
		return &proto.QualValue{Value: &proto.QualValue_TimestampValue{TimestampValue: timestamppb.New(t)}}, true, nil
	case proto.ColumnType_INET, proto.ColumnType_IPADDR, proto.ColumnType_CIDR:
		return inetQual(c, v.Text())
	case proto.ColumnType_LTREE:
		return &proto.QualValue{Value: &proto.QualValue_LtreeValue{LtreeValue: v.Text()}}, true, nil
	default:
		return &proto.QualValue{Value: &proto.QualValue_StringValue{StringValue: v.Text()}}, true, nil
	}
}

// inetQual builds an inet qual value the way the Postgres FDW does.
func inetQual(c column, s string) (*proto.QualValue, bool, error) {
	s = strings.TrimSpace(s)
	in := &proto.Inet{Addr: s, Cidr: s}
	ip, ipnet, err := net.ParseCIDR(s)
	if err != nil {
		ip = net.ParseIP(s)
		if ip == nil {
			return nil, false, fmt.Errorf("column %s: %q is not an IP address or CIDR", c.Name, s)
		}
		bits := 128
		if ip.To4() != nil {
			bits = 32
		}
		in.Addr, in.Mask = ip.String(), int32(bits)
		in.Cidr = fmt.Sprintf("%s/%d", ip, bits)
	} else {
		ones, _ := ipnet.Mask.Size()
		in.Addr, in.Mask, in.Cidr = ip.String(), int32(ones), ipnet.String()
	}
	in.ProtocolVersion = "IPv6"
	if ip.To4() != nil {
		in.ProtocolVersion = "IPv4"
	}
	return &proto.QualValue{Value: &proto.QualValue_InetValue{InetValue: in}}, true, nil
}

// setResult writes a plugin column value as a SQL value.
func setResult(ctx sqlite3.Context, v *proto.Column) {
	if v == nil {
		ctx.ResultNull()
		return
	}
	switch x := v.Value.(type) {
	case *proto.Column_DoubleValue:
		ctx.ResultFloat(x.DoubleValue)
	case *proto.Column_IntValue:
		ctx.ResultInt64(x.IntValue)
	case *proto.Column_StringValue:
		ctx.ResultText(x.StringValue)
	case *proto.Column_BoolValue:
		ctx.ResultBool(x.BoolValue)
	case *proto.Column_JsonValue:
		if len(x.JsonValue) == 0 {
			ctx.ResultNull()
			return
		}
		ctx.ResultRawText(x.JsonValue)
		ctx.ResultSubtype(jsonSubtype)
	case *proto.Column_TimestampValue:
		if x.TimestampValue == nil {
			ctx.ResultNull()
			return
		}
		ctx.ResultText(x.TimestampValue.AsTime().UTC().Format(TimeLayout))
	case *proto.Column_IpAddrValue:
		ctx.ResultText(x.IpAddrValue)
	case *proto.Column_CidrRangeValue:
		ctx.ResultText(x.CidrRangeValue)
	case *proto.Column_LtreeValue:
		ctx.ResultText(x.LtreeValue)
	default:
		ctx.ResultNull()
	}
}
