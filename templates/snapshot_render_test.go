package templates_test

import (
	"bytes"
	"os"
	"reflect"
	"strings"
	"testing"

	"github.com/nigao/nigao/render"
	"github.com/nigao/nigao/schema"
	"github.com/nigao/nigao/templates"
)

// TestBuiltinsFromSnapshotMatchYAML: built-ins loaded from the snapshot list and
// render exactly as when parsed from YAML.
func TestBuiltinsFromSnapshotMatchYAML(t *testing.T) {
	fast, err := templates.Open([]string{})
	if err != nil {
		t.Fatal(err)
	}
	slow, err := templates.OpenFromYAML([]string{})
	if err != nil {
		t.Fatal(err)
	}
	if templates.SnapshotUsed(fast) == 0 || templates.SnapshotUsed(slow) != 0 {
		t.Fatalf("snapshot used for %d built-ins with it, %d without", templates.SnapshotUsed(fast), templates.SnapshotUsed(slow))
	}
	if !reflect.DeepEqual(fast.Entries(), slow.Entries()) {
		t.Errorf("entries differ:\nsnapshot %+v\nYAML     %+v", fast.Entries(), slow.Entries())
	}
	if !reflect.DeepEqual(fast.Lib.IDs(), slow.Lib.IDs()) {
		t.Errorf("library sections differ:\nsnapshot %v\nYAML     %v", fast.Lib.IDs(), slow.Lib.IDs())
	}
	for _, e := range fast.Entries() {
		var out [2]string
		for i, s := range []*templates.Set{fast, slow} {
			tpl, err := s.Load(e.ID)
			if err != nil {
				t.Fatalf("%s: %v", e.ID, err)
			}
			a := schema.NewAnswers(tpl)
			if src, err := os.ReadFile("../testdata/answers/" + e.ID + ".yaml"); err == nil {
				if a, err = schema.LoadAnswers(e.ID+".yaml", src); err != nil {
					t.Fatalf("%s answers: %v", e.ID, err)
				}
			}
			var buf bytes.Buffer
			if err := render.WriteMarkdown(&buf, render.Build(tpl, a)); err != nil {
				t.Fatal(err)
			}
			out[i] = buf.String()
		}
		if out[0] != out[1] {
			t.Errorf("%s renders differently from the snapshot and from YAML", e.ID)
		}
		if !strings.Contains(out[0], "。") {
			t.Errorf("%s: rendered nothing much:\n%s", e.ID, out[0])
		}
	}
}
