package faz

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http/httptest"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/faz-sql/steampipe-plugin-fortianalyzer/internal/fazsim"
)

// stdDecode is the decoder before jsonParser: encoding/json's Decoder with UseNumber into
// an interface{}. The parser must give the same values and fail on the same bodies.
func stdDecode(body []byte) (any, error) {
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.UseNumber()
	var v any
	err := dec.Decode(&v)
	return v, err
}

// decodeResponseStd is decodeResponse on encoding/json (the old decoder, for the
// benchmarks).
func decodeResponseStd(body []byte, method, url string) (*response, error) {
	v, err := stdDecode(body)
	if err != nil {
		return nil, fmt.Errorf("faz: %s %s: %w: %v", method, url, errMalformed, err)
	}
	env, _ := v.(map[string]any)
	if env == nil {
		return nil, fmt.Errorf("faz: %s %s: %w: not an object", method, url, errMalformed)
	}
	return responseFrom(env, method, url)
}

// parserCorpus is JSON the parser must decode exactly as encoding/json does, or refuse as
// it does.
var parserCorpus = []string{
	`{}`, `[]`, `null`, `true`, `false`, `0`, `-0.5e+10`, `1E3`, `12345678901234567890`, `"x"`,
	`{"a":1,"a":2}`, `{"a":[{"b":{"c":[1,"x",null,true,{}]}}],"d":"\u00e9\ud83d\ude00 \"q\" \\ \/ \b\f\n\r\t"}`,
	"{\"a\":\"caf\xc3\xa9\",\"b\":\"bad \xff byte\",\"c\":\"\xed\xa0\x80\"}", `{"a":"\ud800"}`,
	`  {"a" : [ 1 , 2 ] }  trailing`, `{"a":1}{"b":2}`,
	// Refused:
	``, ` `, `{`, `{"a"`, `{"a":`, `{"a":1`, `{"a":1,}`, `{,}`, `[1,]`, `[1 2]`, `{"a" 1}`, `{a:1}`,
	`01`, `-`, `1.`, `1e`, `.5`, `+1`, `tru`, `nul`, `"abc`, `"a\x"`, `"\u12"`, "\"a\tb\"", `{"a":[}`,
	`[{"a":1}}`, `[{"a":"}"}]`, `[{"a":"\"}"}]`, `{"a":[{"b":1},{"c":[{"d":2}]}]}`, "\xef\xbb\xbf{}",
}

func TestParserMatchesEncodingJSON(t *testing.T) {
	for _, s := range append(parserCorpus, deepJSON(10001), deepJSON(200)) {
		checkSameAsStd(t, []byte(s))
	}
	// Whole log pages of both dialects, as the simulator serves them.
	for _, body := range simPages(t) {
		checkSameAsStd(t, body)
	}
}

func deepJSON(n int) string {
	return strings.Repeat(`[{"a":`, n) + "1" + strings.Repeat(`}]`, n)
}

func checkSameAsStd(t *testing.T, body []byte) {
	t.Helper()
	want, werr := stdDecode(body)
	got, p, gerr := parseJSON(body)
	if (werr == nil) != (gerr == nil) {
		t.Fatalf("%.60q: encoding/json err %v, parser err %v", body, werr, gerr)
	}
	if werr == nil && !reflect.DeepEqual(got, want) {
		t.Fatalf("%.60q: parser %#v, encoding/json %#v", body, got, want)
	}
	if gerr != nil {
		return
	}
	// Every kept source is the element's bytes and decodes to the element.
	var walk func(v any)
	walk = func(v any) {
		switch x := v.(type) {
		case map[string]any:
			for _, e := range x {
				walk(e)
			}
		case []any:
			srcs := p.sources(x)
			for i, e := range x {
				if srcs != nil && srcs[i] != "" {
					back, err := stdDecode([]byte(srcs[i]))
					if err != nil || !reflect.DeepEqual(back, e) || !bytes.Contains(body, []byte(srcs[i])) {
						t.Fatalf("source %q of element %d does not decode to it (%v)", srcs[i], i, err)
					}
				}
				walk(e)
			}
		}
	}
	walk(got)
}

func FuzzParserMatchesEncodingJSON(f *testing.F) {
	for _, s := range parserCorpus {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, body []byte) { checkSameAsStd(t, body) })
}

// simPages returns log-search answers of 1000 rows in both dialects, as the simulator
// sends them.
func simPages(t testing.TB) [][]byte {
	var out [][]byte
	for _, dialect := range []string{fazsim.DialectReal, fazsim.DialectExamples} {
		rec := &recorder{}
		rec.h = fazsim.New(fazsim.Options{End: testEnd, LogRows: 20_000, Dialect: dialect})
		ts := httptest.NewServer(rec)
		c, err := New(Config{URL: ts.URL, APIKey: "fazsim-api-key", PollFloor: time.Millisecond, PollCap: 5 * time.Millisecond})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := c.SearchLogs(context.Background(), lsSpec(maxPageRows, 7*24*time.Hour), func(Row) error { return nil }); err != nil {
			t.Fatal(err)
		}
		_ = c.Close(context.Background())
		ts.Close()
		_, resps := rec.all()
		for _, r := range resps {
			if strings.Count(r, `"itime"`) == maxPageRows {
				out = append(out, []byte(r))
			}
		}
	}
	if len(out) != 2 {
		t.Fatalf("found %d full pages, want one per dialect", len(out))
	}
	return out
}

// BenchmarkDecodeLogPage decodes a 1000-row log page, old decoder (encoding/json into
// maps) against the parser, with the rows' Raw bytes as SearchLogRecords hands them out:
//
//	go test -run XXX -bench DecodeLogPage -benchmem ./internal/faz/
func BenchmarkDecodeLogPage(b *testing.B) {
	pages := simPages(b)
	for i, dialect := range []string{"real", "examples"} {
		body := pages[i]
		b.Run(dialect+"/encoding-json", func(b *testing.B) {
			b.SetBytes(int64(len(body)))
			for n := 0; n < b.N; n++ {
				r, err := decodeResponseStd(body, "get", "/x")
				if err != nil {
					b.Fatal(err)
				}
				st, err := taskFrom(r)
				if err != nil || len(st.Rows) != maxPageRows {
					b.Fatal(err, len(st.Rows))
				}
				for _, row := range st.Rows {
					if _, err := json.Marshal(row); err != nil { // raw by re-marshalling
						b.Fatal(err)
					}
				}
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*maxPageRows)/1000, "us/row")
		})
		b.Run(dialect+"/parser", func(b *testing.B) {
			b.SetBytes(int64(len(body)))
			for n := 0; n < b.N; n++ {
				rows := 0
				if err := DecodeLogRecords(body, func(r Record) error { rows++; return nil }); err != nil || rows != maxPageRows {
					b.Fatal(err, rows)
				}
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*maxPageRows)/1000, "us/row")
		})
	}
}
