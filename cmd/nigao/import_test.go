package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func runCmd(args ...string) (string, string, int) {
	var out, errb bytes.Buffer
	code := run(args, &out, &errb)
	return out.String(), errb.String(), code
}

func TestImportCommand(t *testing.T) {
	emptyConfig(t)
	dir := t.TempDir()
	src, err := os.ReadFile(filepath.Join("..", "..", "testdata", "import", "gbk.txt"))
	if err != nil {
		t.Fatal(err)
	}
	in := filepath.Join(dir, "2023.txt")
	os.WriteFile(in, src, 0o644)
	tpl, ans := filepath.Join(dir, "t.yaml"), filepath.Join(dir, "a.yaml")

	_, stderr, code := runCmd("import", in, "-o", tpl, "-a", ans)
	if code != 0 || !strings.Contains(stderr, "GB18030/GBK") || !strings.Contains(stderr, "去掉了网页上的 4 行") {
		t.Fatalf("import: exit %d: %s", code, stderr)
	}
	if _, stderr, code := runCmd("lint", tpl); code != 0 {
		t.Fatalf("lint: %s", stderr)
	}
	out, stderr, code := runCmd("render", "-t", tpl, "-a", ans, "--format", "txt")
	if code != 0 || !strings.Contains(out, "甲乡2023年工作总结") || !strings.Contains(out, "全年实施项目12个，完成投资3.45亿元。") || strings.Contains(stderr, "缺少") {
		t.Fatalf("render: exit %d\n%s\n%s", code, out, stderr)
	}

	// next year: change a figure, compare with the imported answers
	a, _ := os.ReadFile(ans)
	next := strings.Replace(strings.Replace(string(a), "实施项目: \"12\"", "实施项目: \"15\"", 1), "实施项目: 12", "实施项目: 15", 1)
	if next == string(a) {
		t.Fatalf("answers changed shape:\n%s", a)
	}
	t2 := strings.Replace(mustRead(t, tpl), "全年实施项目{实施项目}个，", "全年实施项目{实施项目}个，{实施项目|同比}，", 1)
	os.WriteFile(tpl, []byte(t2), 0o644)
	ans2 := filepath.Join(dir, "2024.yaml")
	os.WriteFile(ans2, []byte(next), 0o644)
	out, stderr, code = runCmd("render", "-t", tpl, "-a", ans2, "--previous", ans, "--format", "txt")
	if code != 0 || !strings.Contains(out, "全年实施项目15个，同比增长25.0%，") {
		t.Fatalf("render --previous: exit %d\n%s\n%s", code, out, stderr)
	}

	// never clobber silently
	if _, stderr, code := runCmd("import", in, "-o", tpl, "-a", ans); code != 1 || !strings.Contains(stderr, "已存在") {
		t.Errorf("overwrite: exit %d: %s", code, stderr)
	}
	if _, _, code := runCmd("import", in, "-o", tpl, "-a", ans, "--force"); code != 0 {
		t.Errorf("--force: exit %d", code)
	}
}

func mustRead(t *testing.T, p string) string {
	t.Helper()
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestImportErrors(t *testing.T) {
	emptyConfig(t)
	dir := t.TempDir()
	if _, _, code := runCmd("import"); code != 2 {
		t.Errorf("no file: exit %d", code)
	}
	if _, stderr, code := runCmd("import", filepath.Join(dir, "nope.txt")); code != 1 || !strings.Contains(stderr, "找不到报告 "+filepath.Join(dir, "nope.txt")) {
		t.Errorf("missing file: exit %d %s", code, stderr)
	}
	doc := filepath.Join(dir, "old.doc")
	os.WriteFile(doc, []byte("\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1 old word"), 0o644)
	if _, stderr, code := runCmd("import", doc); code != 1 || !strings.Contains(stderr, "另存为") {
		t.Errorf(".doc: exit %d %s", code, stderr)
	}
	in := filepath.Join(dir, "r.txt")
	os.WriteFile(in, []byte("一、党建\n发展党员3名。"), 0o644)
	if _, _, code := runCmd("import", in, "-o", "x.yaml", "-a", "x.yaml"); code != 2 {
		t.Errorf("same output: exit %d", code)
	}
	// default output names sit beside the report
	if _, stderr, code := runCmd("import", in); code != 0 {
		t.Fatalf("defaults: %s", stderr)
	}
	for _, p := range []string{"r.yaml", "r.answers.yaml"} {
		if _, err := os.Stat(filepath.Join(dir, p)); err != nil {
			t.Error(err)
		}
	}
	// with -o alone, the answers go beside the template, not the report
	out := filepath.Join(dir, "模板", "镇.yaml")
	os.Mkdir(filepath.Dir(out), 0o755)
	in2 := filepath.Join(dir, "r2.txt")
	os.WriteFile(in2, []byte("一、党建\n发展党员3名。"), 0o644)
	if _, stderr, code := runCmd("import", in2, "-o", out); code != 0 {
		t.Fatalf("-o only: %s", stderr)
	}
	if _, err := os.Stat(filepath.Join(dir, "模板", "镇.answers.yaml")); err != nil {
		t.Error(err)
	}
	if _, err := os.Stat(filepath.Join(dir, "r2.answers.yaml")); err == nil {
		t.Error("answers written beside the report although -o names another folder")
	}
}

// TestImportFreeID: nigao import gives a template an id no other listed
// template has, and a re-import over the same file keeps its own.
func TestImportFreeID(t *testing.T) {
	home := emptyConfig(t)
	user := filepath.Join(home, ".config", "nigao", "templates")
	if err := os.MkdirAll(user, 0o755); err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	in := filepath.Join(dir, "r.txt")
	os.WriteFile(in, []byte("一、党建\n发展党员3名。"), 0o644)
	for _, tc := range []struct {
		out    string
		force  bool
		wantID string
	}{
		{filepath.Join(user, "r.yaml"), false, "imported-r"},
		{filepath.Join(dir, "other.yaml"), false, "imported-r-2"}, // imported-r is listed
		{filepath.Join(user, "r.yaml"), true, "imported-r"},       // replaced, not clashing with itself
	} {
		args := []string{"import", in, "-o", tc.out, "-a", tc.out + ".answers"}
		if tc.force {
			args = append(args, "--force")
		}
		if _, stderr, code := runCmd(args...); code != 0 {
			t.Fatalf("%v: exit %d: %s", args, code, stderr)
		}
		if got := mustRead(t, tc.out); !strings.Contains(got, "\nid: "+tc.wantID+"\n") && !strings.HasPrefix(got, "id: "+tc.wantID+"\n") {
			t.Errorf("%s: want id %s:\n%s", tc.out, tc.wantID, got)
		}
	}
}
