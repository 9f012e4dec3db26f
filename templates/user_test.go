package templates_test

import (
	"os"
	"strings"
	"testing"

	"github.com/nigao/nigao/templates"
)

// TestRedefinedSectionUsed: when the clerk's own library redefines a
// built-in section, a built-in template that uses it is loaded with their
// version; one that does not use it still loads.
func TestRedefinedSectionUsed(t *testing.T) {
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
	if tpl.Field("我们的党员") == nil || tpl.Field("发展党员") != nil {
		t.Errorf("the clerk's 党建 not used instead of the built-in one")
	}
	if _, err := s.Load("dept-annual"); err != nil { // uses 机关党建, not 党建
		t.Fatal(err)
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

// TestDuplicateIDs: two of the clerk's templates with one id (two
// imports both named imported-2023, copied into the templates folder)
// are not loaded by that id, either of them: each is listed with an error
// naming the other file, and a template with an id of its own still loads.
func TestDuplicateIDs(t *testing.T) {
	dir, other := t.TempDir(), t.TempDir()
	tpl := func(id, name string) string {
		return "id: " + id + "\nname: " + name + "\ntitle: " + name + "\nsections:\n  - heading: 一\n    text: 正文。\n"
	}
	for path, src := range map[string]string{
		dir + "/a.yaml":   tpl("imported-2023", "青石乡"),
		other + "/b.yaml": tpl("imported-2023", "医保局"),
		dir + "/c.yaml":   tpl("imported-2024", "城东街道"),
	} {
		if err := os.WriteFile(path, []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	s, err := templates.Open([]string{dir, other})
	if err != nil {
		t.Fatal(err)
	}
	_, err = s.Load("imported-2023")
	if err == nil || !strings.Contains(err.Error(), "与") || !strings.Contains(err.Error(), "相同") {
		t.Fatalf("an id two templates have loaded: %v", err)
	}
	bad := 0
	for _, e := range s.Entries() {
		if e.ID == "imported-2023" {
			if e.Err == nil {
				t.Errorf("%s listed without an error", e.Path)
			}
			bad++
		}
	}
	if bad != 2 {
		t.Errorf("%d entries with the id, want 2", bad)
	}
	if got, err := s.Load("imported-2024"); err != nil || got.Name != "城东街道" {
		t.Fatalf("the template with an id of its own: %v", err)
	}
	// by path, either one loads
	if got, err := s.Load(other + "/b.yaml"); err != nil || got.Name != "医保局" {
		t.Fatalf("by path: %v", err)
	}
}
