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
	if n := templates.DecodedUsed(fast); n != 0 {
		t.Fatalf("%d templates loaded before any was asked for", n)
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
			if err := render.WriteMarkdown(&buf, render.Build(tpl.Evaluate(a))); err != nil {
				t.Fatal(err)
			}
			out[i] = buf.String()
		}
		if templates.DecodedUsed(slow) != 0 {
			t.Errorf("%s: taken loaded from the snapshot by a set opened without it", e.ID)
		}
		if out[0] != out[1] {
			t.Errorf("%s renders differently from the snapshot and from YAML", e.ID)
		}
		if !strings.Contains(out[0], "。") {
			t.Errorf("%s: rendered nothing much:\n%s", e.ID, out[0])
		}
	}
	if n := templates.DecodedUsed(fast); n != len(fast.Entries()) {
		t.Errorf("%d of %d built-ins taken loaded from the snapshot", n, len(fast.Entries()))
	}
}

// TestRedefinedSectionNotFromSnapshot: when the clerk's own library
// redefines a built-in section, a built-in template that uses it is
// loaded with their version, not taken as the snapshot holds it; one that
// does not use it still is.
func TestRedefinedSectionNotFromSnapshot(t *testing.T) {
	dir := t.TempDir()
	own := `library: 我们的党建
sections:
  - id: 党建
    heading: 党建工作
    fields:
      - {id: 我们的党员, type: integer, unit: 名}
    text: 全镇党员{我们的党员}名。
`
	if err := os.WriteFile(dir+"/own.yaml", []byte(own), 0o644); err != nil {
		t.Fatal(err)
	}
	s, err := templates.Open([]string{dir})
	if err != nil {
		t.Fatal(err)
	}
	tpl, err := s.Load(templates.Default)
	if err != nil {
		t.Fatal(err)
	}
	if tpl.Field("我们的党员") == nil || templates.DecodedUsed(s) != 0 {
		t.Errorf("the clerk's 党建 not used (decoded from the snapshot: %d)", templates.DecodedUsed(s))
	}
	if _, err := s.Load("dept-annual"); err != nil { // uses 机关党建, not 党建
		t.Fatal(err)
	}
	if templates.DecodedUsed(s) != 1 {
		t.Errorf("a template not using the redefined section was not taken from the snapshot")
	}
}

// TestUserDirectory: the clerk's own files are read once and sorted into
// library files and templates; their template may replace a built-in by
// id and use their own sections; a broken one is listed with its error.
func TestUserDirectory(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{
		"lib.yaml": `library: 我们的章节
sections:
  - id: 特色工作
    heading: 特色工作
    fields:
      - {id: 特色项目, type: integer, unit: 个}
    text: 打造特色项目{特色项目}个。
`,
		"mine.yaml": `id: 我的总结
name: 我的半年总结
title: "{单位}半年总结"
info:
  - {id: 单位, type: text}
sections:
  - use: 特色工作
  - use: 党建
`,
		"township-halfyear.yaml": `id: township-halfyear
name: 改过的半年总结
title: 改过的
sections:
  - heading: 唯一的一节
    text: 只有一句。
`,
		"broken.yaml": "id: broken\nsections: [\n",
	}
	for name, src := range files {
		if err := os.WriteFile(dir+"/"+name, []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	s, err := templates.Open([]string{dir})
	if err != nil {
		t.Fatal(err)
	}
	byID := map[string]templates.Entry{}
	for _, e := range s.Entries() {
		if !e.Builtin {
			byID[e.ID] = e
		}
	}
	if len(byID) != 3 || byID["lib"].ID != "" {
		t.Fatalf("user entries = %+v, want the three templates and not the library", byID)
	}
	if e := byID["broken"]; e.Err == nil || !strings.Contains(e.Err.Error(), "broken.yaml") {
		t.Errorf("broken template listed as %+v", e)
	}
	if _, err := s.Load("broken"); err == nil {
		t.Error("broken template loaded")
	}
	mine, err := s.Load("我的总结")
	if err != nil {
		t.Fatal(err)
	}
	if mine.Field("特色项目") == nil || mine.Field("发展党员") == nil {
		t.Error("own template lacks its own section or the built-in one")
	}
	replaced, err := s.Load("township-halfyear")
	if err != nil {
		t.Fatal(err)
	}
	if replaced.Name != "改过的半年总结" {
		t.Errorf("township-halfyear is %q, want the clerk's", replaced.Name)
	}
}
