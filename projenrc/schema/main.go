// Command schema writes the table of Go types the lint command decodes Kubernetes objects with
// (src/core/k8s/schema/), read by reflection from the k8s.io/api module it is built with; and, for
// the tests, the real decoder's verdict on generated broken objects. It is built by
// projenrc/schema.ts in a module of its own per Kubernetes release, outside the repository (never
// part of the npm package):
//
//	schema table     the table, as JSON, on standard output
//	schema vectors   a JSON array of {object, error}: objects with one wrong value or one unknown
//	                 field, and the words of the strict JSON decoder of the API server on each
//
// The API server decodes a request body into these Go types with the strict JSON serializer
// (k8s.io/apimachinery pkg/runtime/serializer/json/json.go, unmarshal: sigs.k8s.io/json
// UnmarshalStrict, case-sensitive, unknown and duplicate fields collected as strict errors), which
// is what `vectors` runs.
package main

import (
	"bytes"
	"encoding"
	"encoding/json"
	"fmt"
	"os"
	"reflect"
	"runtime/debug"
	"sort"
	"strings"

	appsv1 "k8s.io/api/apps/v1"
	batchv1 "k8s.io/api/batch/v1"
	corev1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/runtime"
	kjson "k8s.io/apimachinery/pkg/runtime/serializer/json"
)

// The kinds the lint reads (src/core/k8s/kinds.ts), in its order.
var kinds = []struct {
	kind string
	obj  runtime.Object
}{
	{"Pod", &corev1.Pod{}},
	{"PodTemplate", &corev1.PodTemplate{}},
	{"Deployment", &appsv1.Deployment{}},
	{"ReplicaSet", &appsv1.ReplicaSet{}},
	{"ReplicationController", &corev1.ReplicationController{}},
	{"StatefulSet", &appsv1.StatefulSet{}},
	{"DaemonSet", &appsv1.DaemonSet{}},
	{"Job", &batchv1.Job{}},
	{"CronJob", &batchv1.CronJob{}},
}

// Types with a JSON decoding of their own (an UnmarshalJSON method), by package path and name, and
// how the table names that decoding (src/core/validation/decode.ts implements each):
//   - int-or-string: intstr.IntOrString (apimachinery pkg/util/intstr/intstr.go): a JSON string, or
//     else encoding/json's decoding into an int32;
//   - quantity: resource.Quantity (pkg/api/resource/quantity.go): null, or any JSON value whose
//     text, without the quotes of a string, ParseQuantity accepts;
//   - time, micro-time: metav1.Time and MicroTime (pkg/apis/meta/v1/time.go, micro_time.go): null,
//     or a string that time.Parse reads as RFC 3339 (with microseconds for micro-time);
//   - duration: metav1.Duration (duration.go): a string that time.ParseDuration reads;
//   - raw: runtime.RawExtension (pkg/runtime/extension.go) and metav1.FieldsV1 (helpers.go): any
//     JSON value, kept as it is.
var special = map[string]string{
	"k8s.io/apimachinery/pkg/util/intstr.IntOrString": "int-or-string",
	"k8s.io/apimachinery/pkg/api/resource.Quantity":   "quantity",
	"k8s.io/apimachinery/pkg/apis/meta/v1.Time":       "time",
	"k8s.io/apimachinery/pkg/apis/meta/v1.MicroTime":  "micro-time",
	"k8s.io/apimachinery/pkg/apis/meta/v1.Duration":   "duration",
	"k8s.io/apimachinery/pkg/runtime.RawExtension":    "raw",
	"k8s.io/apimachinery/pkg/apis/meta/v1.FieldsV1":   "raw",
}

var (
	jsonUnmarshaler = reflect.TypeFor[json.Unmarshaler]()
	textUnmarshaler = reflect.TypeFor[encoding.TextUnmarshaler]()
)

func main() {
	if len(os.Args) != 2 || (os.Args[1] != "table" && os.Args[1] != "vectors") {
		fmt.Fprintln(os.Stderr, "usage: schema table|vectors")
		os.Exit(2)
	}
	scheme := runtime.NewScheme()
	for _, add := range []func(*runtime.Scheme) error{corev1.AddToScheme, appsv1.AddToScheme, batchv1.AddToScheme} {
		must(add(scheme))
	}
	// The serializer the API server decodes a JSON body with when fieldValidation is Strict
	// (k8s.io/apiserver pkg/endpoints/handlers/create.go: s.StrictSerializer).
	strict := kjson.NewSerializerWithOptions(kjson.DefaultMetaFactory, scheme, scheme, kjson.SerializerOptions{Strict: true})
	decode := func(data []byte) error {
		_, _, err := strict.Decode(data, nil, nil)
		return err
	}
	g := &generator{keys: map[string]reflect.Type{}, types: map[string]string{}, sampled: map[string]bool{}, inline: embeddedNamesInErrors(decode)}
	out := &bytes.Buffer{}
	if os.Args[1] == "table" {
		g.table(out, scheme)
	} else {
		g.vectors(out, scheme, decode)
	}
	_, err := os.Stdout.Write(out.Bytes())
	must(err)
}

func must(err error) {
	if err != nil {
		fmt.Fprintln(os.Stderr, "schema:", err)
		os.Exit(1)
	}
}

func fail(format string, args ...any) {
	must(fmt.Errorf(format, args...))
}

// Whether the decoder's type errors name the Go fields of inlined structs (Volume's VolumeSource):
// sigs.k8s.io/json does from its 2025 versions on (decode.go, object: errorContext.FieldStack gets
// the embedded field's name), not before. Asked of the decoder itself.
func embeddedNamesInErrors(decode func([]byte) error) bool {
	err := decode([]byte(`{"apiVersion":"v1","kind":"Pod","spec":{"volumes":[{"hostPath":"x"}]}}`))
	msg := fmt.Sprint(err)
	switch {
	case strings.Contains(msg, "Go struct field Volume.spec.volumes.VolumeSource.hostPath "):
		return true
	case strings.Contains(msg, "Go struct field Volume.spec.volumes.hostPath "):
		return false
	}
	fail("unexpected decoder error for a string hostPath: %s", msg)
	return false
}

type generator struct {
	// Every named type met, by its name in Go's messages (reflect.Type.String(): `v1.PodSpec`).
	keys map[string]reflect.Type
	// Each named type's entry in the table, as JSON.
	types map[string]string
	// Whether type errors name inlined structs' fields (embeddedNamesInErrors).
	inline bool
	// The decodings of their own already given their long list of samples (vectors).
	sampled map[string]bool
}

// A field as encoding/json (and so sigs.k8s.io/json) sees it: its JSON name, its Go type, and the
// Go names of the inlined (embedded, untagged or `json:",inline"`) structs it is promoted through.
type field struct {
	name     string
	typ      reflect.Type
	embedded []string
}

// The JSON fields of a struct, in declaration order, as encoding/json's typeFields finds them
// (exported fields; `json:"-"` skipped; an anonymous struct field without a JSON name inlined; of
// two fields with one name, the shallower wins). A `,string` option or an ambiguous name fails:
// no Kubernetes type has one, and the table could not describe it.
func fieldsOf(t reflect.Type) []field {
	type candidate struct {
		field
		depth  int
		tagged bool
	}
	var all []candidate
	var walk func(t reflect.Type, embedded []string, depth int)
	walk = func(t reflect.Type, embedded []string, depth int) {
		for i := 0; i < t.NumField(); i++ {
			sf := t.Field(i)
			tag := sf.Tag.Get("json")
			if tag == "-" {
				continue
			}
			name, opts, _ := strings.Cut(tag, ",")
			if strings.Contains(","+opts+",", ",string,") {
				fail("%s.%s has a ,string option", t, sf.Name)
			}
			ft := sf.Type
			for ft.Kind() == reflect.Pointer {
				ft = ft.Elem()
			}
			if sf.Anonymous && name == "" && ft.Kind() == reflect.Struct && !implementsUnmarshaler(ft) {
				walk(ft, append(append([]string{}, embedded...), sf.Name), depth+1)
				continue
			}
			if !sf.IsExported() {
				continue
			}
			tagged := name != ""
			if !tagged {
				name = sf.Name
			}
			all = append(all, candidate{field{name, sf.Type, embedded}, depth, tagged})
		}
	}
	walk(t, nil, 0)
	var fields []field
	for i, c := range all {
		winner := true
		for j, o := range all {
			if o.name != c.name || i == j {
				continue
			}
			if o.depth < c.depth {
				winner = false
			} else if o.depth == c.depth {
				fail("%s: two fields named %q at one depth", t, c.name)
			}
		}
		if winner {
			fields = append(fields, c.field)
		}
	}
	return fields
}

func implementsUnmarshaler(t reflect.Type) bool {
	p := reflect.PointerTo(t)
	return p.Implements(jsonUnmarshaler) || p.Implements(textUnmarshaler) ||
		t.Implements(jsonUnmarshaler) || t.Implements(textUnmarshaler)
}

func named(t reflect.Type) bool {
	return t.Name() != "" && t.PkgPath() != ""
}

func deref(t reflect.Type) (reflect.Type, string) {
	stars := ""
	for t.Kind() == reflect.Pointer {
		t, stars = t.Elem(), stars+"*"
	}
	return t, stars
}

// A type's reference in the table: a named type's Go name (defined in the table), or the Go
// spelling of an unnamed one (`[]v1.Container`, `map[string]string`, `int32`), pointers removed
// except inside a composite (`[]*v1.X`), as reflect.Type.String() spells it in the decoder's errors.
func (g *generator) ref(t reflect.Type) string {
	t, _ = deref(t)
	if named(t) {
		g.define(t)
		return t.String()
	}
	return g.structure(t)
}

// The spelling of an unnamed type, or of a named type's underlying one.
func (g *generator) structure(t reflect.Type) string {
	switch t.Kind() {
	case reflect.Slice:
		e, stars := deref(t.Elem())
		return "[]" + stars + g.ref(e)
	case reflect.Map:
		e, stars := deref(t.Elem())
		return "map[" + g.ref(t.Key()) + "]" + stars + g.ref(e)
	case reflect.Bool, reflect.String, reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Float32, reflect.Float64:
		return t.Kind().String()
	case reflect.Interface:
		if t.NumMethod() == 0 {
			return "interface {}"
		}
	}
	fail("type %s (%s) cannot be described", t, t.Kind())
	return ""
}

func (g *generator) define(t reflect.Type) {
	key := t.String()
	if seen, ok := g.keys[key]; ok {
		if seen != t {
			fail("two types named %s: %s and %s", key, seen.PkgPath(), t.PkgPath())
		}
		return
	}
	g.keys[key] = t
	if how, ok := special[t.PkgPath()+"."+t.Name()]; ok {
		g.types[key] = `{"json":` + quote(how) + `}`
		return
	}
	if implementsUnmarshaler(t) {
		fail("%s.%s decodes JSON its own way: add it to special, and its decoding to decode.ts", t.PkgPath(), t.Name())
	}
	if t.Kind() != reflect.Struct {
		g.types[key] = quote(g.structure(t))
		return
	}
	fields := fieldsOf(t)
	var b strings.Builder
	b.WriteString(`{"fields":{`)
	var inline []string
	for i, f := range fields {
		if i > 0 {
			b.WriteString(",")
		}
		b.WriteString(quote(f.name) + ":" + quote(g.ref(f.typ)))
		if g.inline && len(f.embedded) > 0 {
			inline = append(inline, quote(f.name)+":"+quote(strings.Join(f.embedded, ".")))
		}
	}
	b.WriteString("}")
	if len(inline) > 0 {
		b.WriteString(`,"inline":{` + strings.Join(inline, ",") + "}")
	}
	b.WriteString("}")
	g.types[key] = b.String()
}

func quote(s string) string {
	b, err := json.Marshal(s)
	must(err)
	return string(b)
}

// The versions the table was read from: k8s.io/api's, the Kubernetes release it belongs to
// (v0.X.Y is v1.X.Y), and sigs.k8s.io/json's, whose messages the table follows.
func versions() (api, kubernetes, decoder string) {
	info, ok := debug.ReadBuildInfo()
	if !ok {
		fail("no build information")
	}
	for _, dep := range info.Deps {
		if dep.Replace != nil {
			fail("%s is replaced", dep.Path)
		}
		switch dep.Path {
		case "k8s.io/api":
			api = dep.Version
		case "sigs.k8s.io/json":
			decoder = dep.Version
		}
	}
	if !strings.HasPrefix(api, "v0.") || decoder == "" {
		fail("cannot tell the versions of k8s.io/api (%q) and sigs.k8s.io/json (%q)", api, decoder)
	}
	return api, "v1." + strings.TrimPrefix(api, "v0."), decoder
}

func apiVersionOf(scheme *runtime.Scheme, obj runtime.Object) string {
	gvks, _, err := scheme.ObjectKinds(obj)
	must(err)
	return gvks[0].GroupVersion().String()
}

func (g *generator) table(out *bytes.Buffer, scheme *runtime.Scheme) {
	api, kubernetes, decoder := versions()
	var kindLines []string
	for _, k := range kinds {
		t := reflect.TypeOf(k.obj).Elem()
		kindLines = append(kindLines, fmt.Sprintf("%s:{\"apiVersion\":%s,\"type\":%s}", quote(k.kind), quote(apiVersionOf(scheme, k.obj)), quote(g.ref(t))))
	}
	keys := make([]string, 0, len(g.types))
	for key := range g.types {
		keys = append(keys, key)
	}
	sort.Strings(keys)
	fmt.Fprintf(out, "{\n\"kubernetes\":%s,\n\"api\":%s,\n\"decoder\":%s,\n\"inlineNamesInErrors\":%t,\n",
		quote(kubernetes), quote("k8s.io/api@"+api), quote("sigs.k8s.io/json@"+decoder), g.inline)
	fmt.Fprintf(out, "\"kinds\":{\n%s\n},\n\"types\":{\n", strings.Join(kindLines, ",\n"))
	for i, key := range keys {
		sep := ","
		if i == len(keys)-1 {
			sep = ""
		}
		fmt.Fprintf(out, "%s:%s%s\n", quote(key), g.types[key], sep)
	}
	out.WriteString("}\n}\n")
}
