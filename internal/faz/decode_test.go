package faz

import (
	"encoding/json"
	"errors"
	"testing"
)

func TestDecodeDialects(t *testing.T) {
	cases := []struct {
		name    string
		body    string
		dialect string
		tid     int
		pct     int
		known   bool
		rows    int
		total   int64
	}{
		{"real add", `{"jsonrpc":"2.0","id":1,"result":{"tid":123}}`, DialectReal, 123, 0, false, 0, -1},
		{"real add string tid", `{"jsonrpc":"2.0","id":1,"result":{"tid":"77"}}`, DialectReal, 77, 0, false, 0, -1},
		{"real running", `{"jsonrpc":"2.0","id":2,"result":{"percentage":"40","status":{"code":1,"message":"running"},"data":[]}}`, DialectReal, 0, 40, true, 0, -1},
		{"real done", `{"jsonrpc":"2.0","id":2,"result":{"tid":5,"percentage":100,"total-count-all":"1002","data":[{"srcip":"10.0.0.1","bandwidth":"1000"},{"srcip":"10.0.0.2","bandwidth":"7"}]}}`, DialectReal, 5, 100, true, 2, 1002},
		{"seed add", `{"result":[{"data":{"tid":12470},"status":{"code":0,"message":"OK"},"url":"/fortiview/adom/root/top-threats/run"}],"session":"x","id":1}`, DialectSeed, 12470, 0, false, 0, -1},
		{"seed done", `{"result":[{"data":{"tid":12450,"status":"done","percentage":100,"total":10,"sources":[{"srcip":"10.0.1.150","sessions":4523}]},"status":{"code":0,"message":"OK"}}]}`, DialectSeed, 12450, 100, true, 1, -1},
		{"seed running at 100", `{"result":[{"data":{"tid":1,"status":"running","percentage":100,"threats":[]},"status":{"code":0,"message":"OK"}}]}`, DialectSeed, 1, 99, true, 0, -1},
		{"logsearch", `{"jsonrpc":"2.0","id":3,"result":{"percentage":100,"return-lines":1,"total-count":"5000","data":[{"id":"1","srcip":"1.2.3.4"}]}}`, DialectReal, 0, 100, true, 1, 5000},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			r, err := decodeResponse([]byte(tc.body), "get", "/x")
			if err != nil {
				t.Fatal(err)
			}
			if r.Dialect != tc.dialect {
				t.Errorf("dialect %q, want %q", r.Dialect, tc.dialect)
			}
			st, err := taskFrom(r)
			if err != nil {
				t.Fatal(err)
			}
			if st.TID != tc.tid || st.Percentage != tc.pct || st.Known != tc.known || len(st.Rows) != tc.rows || st.TotalCount != tc.total {
				t.Errorf("got tid=%d pct=%d known=%v rows=%d total=%d", st.TID, st.Percentage, st.Known, len(st.Rows), st.TotalCount)
			}
		})
	}
}

func TestDecodeKeepsNumbersAndStrings(t *testing.T) {
	r, err := decodeResponse([]byte(`{"result":{"percentage":100,"data":[{"a":12345678901234567890,"b":"42","c":{"d":[1,"x"]}}]}}`), "get", "/x")
	if err != nil {
		t.Fatal(err)
	}
	st, _ := taskFrom(r)
	row := st.Rows[0]
	if n, ok := row["a"].(json.Number); !ok || n.String() != "12345678901234567890" {
		t.Errorf("a = %#v, want json.Number kept exact", row["a"])
	}
	if s, ok := row["b"].(string); !ok || s != "42" {
		t.Errorf("b = %#v, want the server string", row["b"])
	}
	if _, ok := row["c"].(map[string]any)["d"].([]any); !ok {
		t.Errorf("nested list lost: %#v", row["c"])
	}
}

func TestDecodeErrors(t *testing.T) {
	cases := []struct {
		name string
		body string
		code int
		pred func(error) bool
	}{
		{"v3 error", `{"jsonrpc":"2.0","id":1,"error":{"code":-32005,"message":"Invalid tid 9 for fetching result"}}`, -32005, isTaskInvalid},
		{"v3 string code", `{"id":1,"error":{"code":"-32602","message":"Invalid params: filter 'service' not supported"}}`, -32602, isInvalidParam},
		{"legacy -11", `{"id":1,"result":[{"status":{"code":-11,"message":"No permission for the resource"},"url":"/sys/status"}]}`, -11, isNoPermission},
		{"seed -3", `{"result":[{"status":{"code":-3,"message":"Invalid task ID"}}]}`, -3, isTaskInvalid},
		{"no slot", `{"id":1,"error":{"code":-32000,"message":"No available slot for searching"}}`, -32000, isNoSlot},
		{"no view", `{"id":1,"error":{"code":-32000,"message":"Cannot find FortiView 'nope'"}}`, -32000, isNotFound},
		{"v3 negative status", `{"result":{"status":{"code":-6,"message":"Invalid url"}}}`, -6, isNotFound},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, err := decodeResponse([]byte(tc.body), "get", "/u")
			var ae *APIError
			if !errors.As(err, &ae) {
				t.Fatalf("err %v is not *APIError", err)
			}
			if ae.Code != tc.code || ae.URL != "/u" || ae.Method != "get" {
				t.Errorf("got %+v", ae)
			}
			if !tc.pred(err) {
				t.Errorf("predicate false for %v", err)
			}
		})
	}
	if _, err := decodeResponse([]byte(`<html>`), "get", "/u"); !errors.Is(err, errMalformed) {
		t.Errorf("html body: %v, want errMalformed", err)
	}
	r, err := decodeResponse([]byte(`{"jsonrpc":"2.0","id":2}`), "get", "/u")
	if err != nil || !r.Empty {
		t.Errorf("empty response: %+v %v", r, err)
	}
}

func TestPredicatesDoNotOverlap(t *testing.T) {
	inv := &APIError{Code: -3, Message: "Invalid task ID"}
	if isNotFound(inv) {
		t.Error("an invalid task is reported as task-invalid, not not-found")
	}
	if isNoPermission(&APIError{Code: -8}) || !isInvalidParam(&APIError{Code: -8}) {
		t.Error("-8 is an invalid parameter")
	}
	if !isNoPermission(&APIError{HTTPStatus: 401}) {
		t.Error("HTTP 401 is a permission error")
	}
	if isTaskInvalid(errors.New("Invalid tid")) {
		t.Error("plain errors are not appliance errors")
	}
}

// FuzzDecodeResponse checks that no body makes the decoder panic, and that
// whatever it accepts is consistent: rows are objects, percentage in range.
func FuzzDecodeResponse(f *testing.F) {
	seeds := []string{
		`{"jsonrpc":"2.0","id":1,"result":{"tid":123}}`,
		`{"result":{"percentage":"100","data":[{"a":"1"}],"total-count-all":3}}`,
		`{"result":[{"data":{"tid":1,"status":"done","percentage":100,"sources":[{"x":1}]},"status":{"code":0}}]}`,
		`{"result":[{"status":{"code":-3,"message":"Invalid task ID"}}]}`,
		`{"error":{"code":"-32005","message":"Invalid tid"}}`,
		`{"result":[{"data":[{"name":"root"}],"status":{"code":0}}],"session":"abc"}`,
		`{"result":[1]}`, `{"result":"x"}`, `[]`, `null`, `{"result":{"percentage":1e999}}`,
		`{"result":{"data":[1,2]}}`, `{"result":{"data":{"a":[{}],"b":[{}]}}}`,
	}
	for _, s := range seeds {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		r, err := decodeResponse(body, "get", "/f")
		if err != nil {
			var ae *APIError
			if !errors.As(err, &ae) && !errors.Is(err, errMalformed) {
				t.Fatalf("untyped error %v", err)
			}
			return
		}
		st, err := taskFrom(r)
		if err != nil {
			if !errors.Is(err, errMalformed) {
				t.Fatalf("untyped row error %v", err)
			}
			return
		}
		if st.Percentage < 0 || st.Percentage > 100 {
			t.Fatalf("percentage %d out of range", st.Percentage)
		}
		for _, row := range st.Rows {
			if row == nil {
				t.Fatal("nil row")
			}
		}
	})
}
