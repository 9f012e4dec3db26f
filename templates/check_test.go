package templates

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// CheckedEntries marks the clerk's templates that do not load with their
// first error, placed in the file; the others are as Entries lists them.
func TestCheckedEntries(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{
		"good.yaml":    "id: good\nname: 好的\ntitle: x\nsections:\n  - heading: 甲\n    text: 正文。\n",
		"unknown.yaml": "id: unknown\nname: 坏的\ntitle: x\nsections:\n  - heading: 甲\n    txet: 正文。\n",
		"tab.yaml":     "id: tab\nname: 坏的\ntitle: x\nsections:\n\t- heading: 甲\n",
	}
	for n, src := range files {
		os.WriteFile(filepath.Join(dir, n), []byte(src), 0o644)
	}
	s, err := Open([]string{dir})
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, e := range s.CheckedEntries() {
		if e.Builtin {
			if e.Err != nil {
				t.Errorf("built-in %s: %v", e.ID, e.Err)
			}
			continue
		}
		got[e.ID] = ""
		if e.Err != nil {
			got[e.ID] = e.Err.Error()
		}
	}
	want := map[string]string{
		"good":    "",
		"unknown": filepath.Join(dir, "unknown.yaml") + ":6:5: 章节中没有“txet”这个键，是不是“text”？",
		"tab":     filepath.Join(dir, "tab.yaml") + ":5:1: YAML 格式错误：第 5 行第 1 列是 Tab 字符",
	}
	for id, w := range want {
		if g, ok := got[id]; !ok || !strings.HasPrefix(g, w) || (w == "") != (g == "") {
			t.Errorf("%s: got %q, want %q", id, g, w)
		}
	}
}
