package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// What a clerk types wrong is named as typed, with what was meant.
func TestTypos(t *testing.T) {
	atRoot(t)
	tests := []struct {
		args []string
		want string // the whole first line of stderr
	}{
		{[]string{"rendr"}, "nigao: 未知命令 rendr，是不是 render？（nigao --help 查看全部命令）"},
		{[]string{"lnit", "x.yaml"}, "nigao: 未知命令 lnit，是不是 lint？（nigao --help 查看全部命令）"},
		{[]string{"frobnicate"}, "nigao: 未知命令 frobnicate"},
		{[]string{"render", "--foo"}, "nigao: 没有这个选项：--foo（nigao render --help 查看用法）"},
		{[]string{"render", "-foo=1"}, "nigao: 没有这个选项：-foo（nigao render --help 查看用法）"},
		{[]string{"render", "--fore", "-t", "x"}, "nigao: 没有这个选项：--fore，是不是 --force？（nigao render --help 查看用法）"},
		{[]string{"lint", "-josn"}, "nigao: 没有这个选项：-josn（nigao lint --help 查看用法）"},
		{[]string{"render", "--t"}, "nigao: 选项 --t 需要一个值（nigao render --help 查看用法）"},
		{[]string{"--no-mose"}, "nigao: 没有这个选项：--no-mose，是不是 --no-mouse？（nigao fill --help 查看用法）"},
	}
	for _, tt := range tests {
		_, e, code := nigao(t, tt.args...)
		if first, _, _ := strings.Cut(e, "\n"); code != exitUsage || first != tt.want {
			t.Errorf("nigao %s: exit %d\n got %s\nwant %s", strings.Join(tt.args, " "), code, first, tt.want)
		}
	}
}

// render refuses answers filled for another template unless --force,
// naming both templates, as fill does.
func TestRenderRefusesAnotherTemplatesAnswers(t *testing.T) {
	atRoot(t)
	annual := "testdata/answers/township-annual.yaml"
	out := filepath.Join(t.TempDir(), "x.md")
	_, e, code := nigao(t, "render", "-t", "township-halfyear", "-a", annual, "-o", out)
	want := "nigao: 答案文件 " + annual + " 是按模板“township-annual”填的，不是“township-halfyear”：请用 -t township-annual；确要按“township-halfyear”生成，请加 --force\n"
	if code != exitFailure || e != want {
		t.Errorf("exit %d\n got %s\nwant %s", code, e, want)
	}
	if _, err := os.Stat(out); err == nil {
		t.Error("a draft was written")
	}
	_, e, code = nigao(t, "render", "-t", "township-halfyear", "-a", annual, "-o", out, "--force")
	if code != exitOK || !strings.Contains(e, "答案文件属于模板“township-annual”") {
		t.Errorf("--force: exit %d %s", code, e)
	}
	if _, err := os.Stat(out); err != nil {
		t.Error("--force wrote no draft")
	}
}

// A template of the clerk's that does not load is listed as broken, with
// its first error, not as one to use.
func TestTemplatesMarksBroken(t *testing.T) {
	atRoot(t)
	dir := filepath.Join(os.Getenv("XDG_CONFIG_HOME"), "nigao", "templates")
	os.MkdirAll(dir, 0o755)
	p := filepath.Join(dir, "mine.yaml")
	os.WriteFile(p, []byte("id: mine\nname: 我的总结\ntitle: x\nsections:\n  - id: a\n    heading: 甲\n    txet: 正文\n    fields: [{id: b, type: nope}]\n  - id: b\n    heading: 乙\n"), 0o644)
	out, e, code := nigao(t, "templates")
	if code != exitOK {
		t.Fatalf("exit %d %s", code, e)
	}
	var row string
	for _, l := range strings.Split(out, "\n") {
		if strings.HasPrefix(l, "mine ") {
			row = l
		}
	}
	if !strings.Contains(row, "我的总结") || !strings.Contains(row, "有错误") || strings.Contains(row, " 2 ") {
		t.Errorf("row of the broken template: %q in\n%s", row, out)
	}
	want := p + ":7:5: 章节中没有“txet”这个键，是不是“text”？（另有 1 处错误）"
	if !strings.Contains(e, want) {
		t.Errorf("stderr:\n%s\nwant %s", e, want)
	}
}
