package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"reflect"

	"k8s.io/apimachinery/pkg/runtime"
)

// One segment of a path from the object's root: a field or map key, or an index (`[0]`).
type segment struct {
	key   string
	index bool
}

// One generated object and the decoder's words on it ("" when it decodes).
type vector struct {
	Object json.RawMessage `json:"object"`
	Error  string          `json:"error"`
}

// Wrong (and a few right) JSON values for a value of type t, the first of them the plainest. A type
// with a decoding of its own gets many more the first time it is met.
func (g *generator) samples(t reflect.Type) []string {
	t, _ = deref(t)
	if named(t) {
		if how, ok := special[t.PkgPath()+"."+t.Name()]; ok {
			more := !g.sampled[how]
			g.sampled[how] = true
			switch how {
			case "int-or-string":
				return []string{`true`, `1.5`, `3000000000`, `{}`, `"x"`, `null`}
			case "quantity":
				s := []string{`true`, `"1x"`, `"1kM"`, `"1e"`, `1.5`, `{}`}
				if more {
					s = append(s, `"1.2.3"`, `" 2Gi "`, `""`, `"-"`, `"+."`, `"1e3"`, `"1E-3"`, `"0.5m"`, `"1.5Gi"`, `"1Ki5"`,
						`"1 Gi"`, `"0x10"`, `"1i"`, `"Ki"`, `"-1"`, `"1m5"`, `"1e99999999999999999999"`, `"1e+9223372036854775807"`,
						`"1e9223372036854775808"`, `"00"`, `"0.0"`, `[1]`, `false`, `"1kk"`, `"1Mi+"`, `"1.e3"`, `1e21`, `-7`)
				}
				return s
			case "time":
				s := []string{`5`, `"yesterday"`, `"2024-01-01"`, `"2024-01-01T00:00:00Z"`, `"2024-02-30T00:00:00Z"`, `null`}
				if more {
					s = append(s, `true`, `[]`, `"2024-13-01T00:00:00Z"`, `"2024-00-01T00:00:00Z"`, `"2024-01-01T24:00:00Z"`,
						`"2024-01-01T1:00:00Z"`, `"2024-01-01T00:00:00+01:00"`, `"2024-01-01T00:00:00+25:00"`, `"2024-01-01T00:00:00+01:61"`,
						`"2024-01-01T00:00:00+25:61"`, `"2024-01-01T00:00:00+2x:00"`, `"2024-01-01T00:00:00+24:60"`, `"2024-01-01T00:00:00.5Z"`,
						`"2024-01-01T00:00:00,123456789123Z"`, `"2024-01-01T00:00:00Zjunk"`, `"2024-01-01 00:00:00Z"`, `"2024-01-01T00:00:60Z"`,
						`"2024-1-01T00:00:00Z"`, `"2023-02-29T00:00:00Z"`, `"2024-02-29T00:00:00Z"`, `"2024-04-31T00:00:00Z"`,
						`"2024-01-01T00:61:00Z"`, `"2024-01-01T00:00:00*01:00"`, `"20a4-01-01T00:00:00Z"`, `"2024-01-01T00:00:00z"`,
						`"2024-01-01T00:00:00"`, `"2024-01-01T00:00"`, `"2024-01-01T00:00:0"`, `"2024-01-1T00:00:00Z"`, `"\u00e9t\u00e9"`,
						`"a\"b\\c"`, `"1900-02-29T00:00:00Z"`, `"2000-02-29T00:00:00Z"`, `"2024-01-01T00:00:00+0100"`, `""`)
				}
				return s
			case "micro-time":
				return []string{`5`, `"yesterday"`, `"2024-01-01T00:00:00.000001Z"`}
			case "duration":
				return []string{`5`, `"soon"`, `"1m"`}
			case "raw":
				return []string{`{"a":[1]}`}
			}
		}
	}
	switch t.Kind() {
	case reflect.Bool:
		return []string{`"true"`, `1`}
	case reflect.String:
		return []string{`1`, `true`, `{}`}
	case reflect.Int8, reflect.Int16, reflect.Int32:
		return []string{`"1"`, `1.5`, `3000000000`}
	case reflect.Int, reflect.Int64:
		return []string{`"1"`, `1.5`, `10000000000000000000`}
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return []string{`"1"`, `-1`}
	case reflect.Float32, reflect.Float64:
		return []string{`"1"`}
	case reflect.Struct:
		return []string{`"x"`, `[]`}
	case reflect.Slice:
		if t.Elem().Kind() == reflect.Uint8 {
			return []string{`1`}
		}
		return []string{`{}`, `"x"`}
	case reflect.Map:
		return []string{`[]`, `7`}
	}
	return nil
}

// The vectors: for each kind, every field of every struct type met (each struct once per kind, at
// the first path that reaches it) with each wrong value of its type, one element or map value of a
// list or map with the first wrong value of its element type, and an unknown field in each struct.
func (g *generator) vectors(out *bytes.Buffer, scheme *runtime.Scheme, decode func([]byte) error) {
	var all []vector
	for _, k := range kinds {
		root := reflect.TypeOf(k.obj).Elem()
		head := fmt.Sprintf(`"apiVersion":%s,"kind":%s`, quote(apiVersionOf(scheme, k.obj)), quote(k.kind))
		emit := func(path []segment, value string) {
			object := place(path, value)
			object = "{" + head + "," + object[1:]
			if object[len(object)-2:] == ",}" {
				fail("bad object %s", object)
			}
			err := decode([]byte(object))
			msg := ""
			if err != nil {
				msg = err.Error()
			}
			all = append(all, vector{json.RawMessage(object), msg})
		}
		seen := map[reflect.Type]bool{}
		var walk func(t reflect.Type, path []segment)
		walk = func(t reflect.Type, path []segment) {
			t, _ = deref(t)
			if named(t) {
				if _, ok := special[t.PkgPath()+"."+t.Name()]; ok {
					return
				}
			}
			switch t.Kind() {
			case reflect.Struct:
				if seen[t] {
					return
				}
				seen[t] = true
				emit(append(path, segment{key: "unknownField"}), `1`)
				for _, f := range fieldsOf(t) {
					if len(path) == 0 && (f.name == "apiVersion" || f.name == "kind") {
						continue
					}
					at := append(append([]segment{}, path...), segment{key: f.name})
					for _, s := range g.samples(f.typ) {
						emit(at, s)
					}
					walk(f.typ, at)
				}
			case reflect.Slice:
				e, _ := deref(t.Elem())
				if e.Kind() == reflect.Uint8 {
					return
				}
				at := append(append([]segment{}, path...), segment{index: true})
				if s := g.samples(e); len(s) > 0 {
					emit(at, s[0])
				}
				walk(e, at)
			case reflect.Map:
				e, _ := deref(t.Elem())
				at := append(append([]segment{}, path...), segment{key: "k"})
				if s := g.samples(e); len(s) > 0 {
					emit(at, s[0])
				}
				walk(e, at)
			}
		}
		walk(root, nil)
	}
	b, err := json.Marshal(all)
	must(err)
	out.Write(b)
	out.WriteString("\n")
}

// The JSON object that has `value` at `path` and nothing else.
func place(path []segment, value string) string {
	for i := len(path) - 1; i >= 0; i-- {
		if path[i].index {
			value = "[" + value + "]"
		} else {
			value = "{" + quote(path[i].key) + ":" + value + "}"
		}
	}
	return value
}
