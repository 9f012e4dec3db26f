package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestRenderFigures: nigao render writes the clerk's own figures
// (figures:) as the wizard does: the department made up in
// testdata/figures, with last year's answers for 同比, gives the golden
// draft with no gaps; a figure left empty is listed with the missing
// template fields, under the headings of its part.
func TestRenderFigures(t *testing.T) {
	atRoot(t)
	out, e, code := nigao(t, "render", "-t", "dept-annual", "-a", "testdata/figures/统计局2024.yaml", "--previous", "testdata/figures/统计局2023.yaml", "-o", "-")
	if code != exitOK || strings.Contains(out, "【待填") || e != "" {
		t.Fatalf("exit %d, stderr %s\n%s", code, e, out)
	}
	golden := "testdata/figures/统计局2024.md"
	if update() {
		os.WriteFile(golden, []byte(out), 0o644)
	}
	if want, err := os.ReadFile(golden); err != nil || string(want) != out {
		t.Errorf("draft differs from %s (go test ./cmd/nigao -update, then read the diff)", golden)
	}

	src, err := os.ReadFile("testdata/figures/统计局2024.yaml")
	if err != nil {
		t.Fatal(err)
	}
	ans := filepath.Join(t.TempDir(), "a.yaml")
	os.WriteFile(ans, []byte(strings.Replace(string(src), "  争取专项调查经费: \"42.5\"\n", "", 1)), 0o644)
	out, e, code = nigao(t, "render", "-t", "dept-annual", "-a", ans, "-o", "-")
	if code != exitOK || !strings.Contains(out, "争取专项调查经费【待填:争取专项调查经费】万元，【待填:争取专项调查经费的同比】。") {
		t.Errorf("exit %d:\n%s", code, out)
	}
	if !strings.Contains(e, "一、2024年工作总结 › （二）统计调查提质增效：争取专项调查经费") {
		t.Errorf("the missing figure of the clerk's is not listed:\n%s", e)
	}
}

// TestRenderFiguresErrors: figures: that do not fit the template stop
// render with the answers file's line and column; lint of the built-in
// department template is clean with its figures: parts.
func TestRenderFiguresErrors(t *testing.T) {
	atRoot(t)
	dir := t.TempDir()
	ans := filepath.Join(dir, "a.yaml")
	os.WriteFile(ans, []byte("template: dept-annual\nfigures:\n  部门业务一:\n    - text: 检查{部门检查次数}家。\n      fields: [{id: 部门检查次数, type: integer}]\n"), 0o644)
	_, e, code := nigao(t, "render", "-t", "dept-annual", "-a", ans, "-o", "-")
	if want := ans + ":5:21: figures: 数字“部门检查次数”与模板的字段“部门检查次数”（开展安全检查）重名"; code != exitFailure || !strings.Contains(e, want) {
		t.Errorf("exit %d: %s\nwant %s", code, e, want)
	}
	os.WriteFile(ans, []byte("template: dept-annual\nfigures:\n  部门业务一:\n    - text: 检查{x + 1}家。\n      fields: [{id: x}]\n"), 0o644)
	_, e, code = nigao(t, "render", "-t", "dept-annual", "-a", ans, "-o", "-")
	if want := ans + ":4:16: 花括号里只能写"; code != exitFailure || !strings.Contains(e, want) {
		t.Errorf("exit %d: %s\nwant %s", code, e, want)
	}
}
