package main

import (
	"bytes"
	"encoding/json"
	"flag"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/nigao/nigao/render"
	"github.com/nigao/nigao/schema"
	"github.com/nigao/nigao/templates"
)

// update reports -update: rewrite this package's golden files (the lint
// output for testdata/broken, docs/nigao.schema.json). The flag is
// registered by teatest's golden package, which the wizard's tests import.
func update() bool {
	f := flag.Lookup("update")
	return f != nil && f.Value.String() == "true"
}

// atRoot runs the test from the repository root, as a clerk runs nigao
// from their working folder, with an empty user config dir.
func atRoot(t *testing.T) {
	t.Helper()
	t.Chdir("../..")
	emptyConfig(t)
}

// emptyConfig gives the test an empty home and user config dir, and
// returns the home.
func emptyConfig(t *testing.T) string {
	t.Helper()
	home := t.TempDir()
	t.Setenv("HOME", home)
	t.Setenv("XDG_CONFIG_HOME", filepath.Join(home, ".config"))
	return home
}

func nigao(t *testing.T, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	var o, e bytes.Buffer
	code = run(args, &o, &e)
	return o.String(), e.String(), code
}

func TestLintBrokenTemplatesGolden(t *testing.T) {
	atRoot(t)
	files, _ := filepath.Glob("testdata/broken/*.yaml")
	if len(files) < 12 {
		t.Fatalf("only %d broken templates", len(files))
	}
	pos := regexp.MustCompile(`^testdata/broken/[^:]+\.yaml:\d+:\d+: \S`)
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			out, _, code := nigao(t, "lint", f)
			if code != exitFailure {
				t.Errorf("exit %d, want 1", code)
			}
			for _, line := range strings.Split(strings.TrimSpace(out), "\n") {
				if !pos.MatchString(line) {
					t.Errorf("not file:line:col: message: %q", line)
				}
			}
			g := strings.TrimSuffix(f, ".yaml") + ".golden"
			if update() {
				os.WriteFile(g, []byte(out), 0o644)
			}
			want, err := os.ReadFile(g)
			if err != nil {
				t.Fatalf("%v (go test ./cmd/nigao -update)", err)
			}
			if out != string(want) {
				t.Errorf("lint %s:\n got %s\nwant %s", f, out, want)
			}
		})
	}
}

func TestLintBuiltins(t *testing.T) {
	atRoot(t)
	out, errOut, code := nigao(t, "lint")
	if code != exitOK || out != "" {
		t.Fatalf("lint of built-ins: exit %d\n%s%s", code, out, errOut)
	}
}

// lint points out a field nothing reads, where it is named by its
// headings as a draft writes them (××年工作总结, not {年度}年工作总结); a
// hint does not fail.
func TestLintUnusedFieldHint(t *testing.T) {
	atRoot(t)
	out, errOut, code := nigao(t, "lint", "testdata/lint/unused-field.yaml")
	want := "testdata/lint/unused-field.yaml:16:18: 提示：字段“党费”（在“××年工作总结 › 加强党的建设”中）没有用在文字、条件或计算里，填了也不会写进稿子\n"
	if code != exitOK || out != want || !strings.Contains(errOut, "有 1 条提示") {
		t.Errorf("exit %d\n got %s\nwant %s%s", code, out, want, errOut)
	}
}

// A clerk copies a built-in template and misspells one key: the error
// names that key's line.
func TestLintCopiedTemplateMisspelledKey(t *testing.T) {
	atRoot(t)
	dir := t.TempDir()
	if _, e, code := nigao(t, "template", "copy", templates.Default, dir); code != 0 {
		t.Fatal(e)
	}
	p := filepath.Join(dir, templates.Default+".yaml")
	src, _ := os.ReadFile(p)
	lines := strings.Split(string(src), "\n")
	target := -1
	for i, l := range lines {
		if strings.HasPrefix(l, "description:") {
			lines[i] = strings.Replace(l, "description:", "descripton:", 1)
			target = i + 1
			break
		}
	}
	if target < 0 {
		t.Fatal("no description: key in the built-in template")
	}
	os.WriteFile(p, []byte(strings.Join(lines, "\n")), 0o644)
	out, _, code := nigao(t, "lint", p)
	if code != exitFailure {
		t.Fatalf("exit %d", code)
	}
	first := strings.SplitN(out, "\n", 2)[0]
	want := p + ":" + strconv.Itoa(target) + ":"
	if !strings.HasPrefix(first, want) || !strings.Contains(first, "descripton") || !strings.Contains(first, "是不是“description”") {
		t.Fatalf("got %q, want an error at %s about descripton", out, want)
	}
}

const example = "testdata/answers/" + templates.Default + ".yaml"

func TestRenderExample(t *testing.T) {
	atRoot(t)
	out := filepath.Join(t.TempDir(), "d.md")
	_, errOut, code := nigao(t, "render", "-t", templates.Default, "-a", example, "-o", out, "--strict")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	md, _ := os.ReadFile(out)
	s := string(md)
	if strings.Contains(s, "【待填") {
		t.Errorf("example draft has gaps:\n%s", s)
	}
	for _, n := range []string{"## 一、", "## 二、", "## 三、"} {
		if !strings.Contains(s, n) {
			t.Errorf("draft lacks %s", n)
		}
	}
	// stdout
	o, _, code := nigao(t, "render", "-t", templates.Default, "-a", example, "-o", "-")
	if code != 0 || o != s {
		t.Errorf("-o - differs from the file (exit %d)", code)
	}
	// text
	txt := filepath.Join(t.TempDir(), "d.txt")
	if _, e, code := nigao(t, "render", "-t", templates.Default, "-a", example, "-o", txt); code != 0 {
		t.Fatal(e)
	}
	if b, _ := os.ReadFile(txt); !bytes.HasPrefix(bytes.SplitN(b, []byte("\n"), 3)[2], []byte("　　")) {
		t.Errorf("text draft paragraphs not indented:\n%s", b)
	}
}

// exampleField finds an entered figure of the example that appears once
// in the prose, in a part that stays when the figure goes, and that no
// computed field uses: removing it must give exactly one gap.
func exampleField(t *testing.T) (*schema.Template, *schema.Answers, *schema.Field) {
	t.Helper()
	set, err := templates.Open(nil)
	if err != nil {
		t.Fatal(err)
	}
	tpl, err := set.Load(templates.Default)
	if err != nil {
		t.Fatal(err)
	}
	a, err := schema.LoadAnswersFile(example)
	if err != nil {
		t.Fatal(err)
	}
	used := map[string]int{}
	for _, f := range tpl.Fields() {
		if f.Compute != nil {
			for _, id := range f.Compute.Idents {
				used[id] += 100
			}
		}
	}
	var count func(ps []*schema.Part)
	countProse := func(p schema.Prose) {
		for _, id := range p.Fields() {
			used[id]++
		}
	}
	count = func(ps []*schema.Part) {
		for _, p := range ps {
			for _, h := range p.Headings {
				countProse(h)
			}
			for _, para := range p.Paragraphs {
				countProse(para.Text)
				if para.When != nil {
					for _, id := range para.When.Idents {
						used[id] += 100
					}
				}
			}
			if p.When != nil {
				for _, id := range p.When.Idents {
					used[id] += 100
				}
			}
			count(p.Parts)
		}
	}
	count(tpl.Sections)
	for _, f := range tpl.Fields() {
		if f.Part == nil || f.Computed() || !f.Type.Numeric() || used[f.ID] != 1 {
			continue
		}
		if _, ok := a.Get(f.ID); !ok {
			continue
		}
		// an optional part must keep another answered figure, or it
		// would vanish with this one
		stays := true
		for p := f.Part; p != nil; p = p.Parent {
			if !p.Optional {
				continue
			}
			other := false
			for _, g := range p.AllFields() {
				if _, ok := a.Get(g.ID); ok && g != f && !g.Computed() {
					other = true
				}
			}
			stays = stays && other
		}
		if stays {
			return tpl, a, f
		}
	}
	t.Fatal("no suitable field in the example")
	return nil, nil, nil
}

func TestRenderMissingFigureAndStrict(t *testing.T) {
	atRoot(t)
	_, a, f := exampleField(t)
	a.Delete(f.ID)
	ans := filepath.Join(t.TempDir(), "a.yaml")
	if err := a.Save(ans); err != nil {
		t.Fatal(err)
	}
	out, errOut, code := nigao(t, "render", "-t", templates.Default, "-a", ans)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	marker := "【待填:" + f.Label + "】"
	if strings.Count(out, "【待填") != 1 || !strings.Contains(out, marker) {
		t.Errorf("want exactly one gap %s, got:\n%s", marker, out)
	}
	if !strings.Contains(errOut, "缺少 1 项数据") || !strings.Contains(errOut, f.Label) {
		t.Errorf("stderr does not list %s:\n%s", f.Label, errOut)
	}
	if _, errOut, code := nigao(t, "render", "-t", templates.Default, "-a", ans, "--strict", "-o", filepath.Join(t.TempDir(), "x.md")); code != exitFailure || !strings.Contains(errOut, "--strict") {
		t.Errorf("--strict: exit %d, %s", code, errOut)
	}
}

// A figure filled in whose sentence is not written (its condition is
// false) is listed on stderr with why, under its part's headings as the
// draft writes them.
func TestRenderListsUnwritten(t *testing.T) {
	atRoot(t)
	a, err := schema.LoadAnswersFile(example)
	if err != nil {
		t.Fatal(err)
	}
	a.Delete("党务培训日期") // the sentence of 党务培训内容 asks for it
	ans := filepath.Join(t.TempDir(), "a.yaml")
	if err := a.Save(ans); err != nil {
		t.Fatal(err)
	}
	_, errOut, code := nigao(t, "render", "-t", templates.Default, "-a", ans, "-o", filepath.Join(t.TempDir(), "x.md"))
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	want := "填了但没写进稿子的 1 项：\n  一、"
	if !strings.Contains(errOut, want) || !strings.Contains(errOut, "培训内容（填的是 党员发展、“三会一课”）——条件“党务（党建员）业务培训日期已填”不成立") {
		t.Errorf("stderr does not list 党务培训内容 with why:\n%s", errOut)
	}
}

func TestRenderNotApplicableDropsSentence(t *testing.T) {
	atRoot(t)
	_, a, f := exampleField(t)
	full, _, _ := nigao(t, "render", "-t", templates.Default, "-a", example)
	a.Set(f.ID, schema.Raw{Text: schema.NotApplicable})
	ans := filepath.Join(t.TempDir(), "a.yaml")
	a.Save(ans)
	out, errOut, code := nigao(t, "render", "-t", templates.Default, "-a", ans, "--strict")
	if code != 0 {
		t.Fatalf("不适用 must not count as missing: exit %d %s", code, errOut)
	}
	// its sentence, or its clause after the sentence's first comma, is left out
	if len(out) >= len(full) {
		t.Errorf("nothing dropped for %s:\n%s", f.ID, out)
	}
	if strings.Contains(out, schema.NotApplicable) {
		t.Errorf("不适用 printed in the draft")
	}
}

func TestRenderOmitRenumbers(t *testing.T) {
	atRoot(t)
	tpl, a, _ := exampleField(t)
	// the first two sections the example's draft includes
	var inc []*schema.Part
	vs := tpl.Evaluate(a)
	for _, p := range tpl.Sections {
		if render.Included(vs, p) {
			inc = append(inc, p)
		}
	}
	first, second := inc[0], inc[1]
	a.SetOmitted(first.ID, true)
	ans := filepath.Join(t.TempDir(), "a.yaml")
	a.Save(ans)
	out, _, code := nigao(t, "render", "-t", templates.Default, "-a", ans)
	if code != 0 {
		t.Fatal(out)
	}
	want := "## 一、" + second.Heading(a.Heading(second.ID)).Src
	if !strings.Contains(out, want) {
		t.Errorf("after omitting %s, want %q in:\n%s", first.ID, want, out)
	}
}

func TestExitCodes(t *testing.T) {
	atRoot(t)
	tests := []struct {
		args []string
		code int
		err  string
	}{
		{[]string{"frobnicate"}, exitUsage, "未知命令 frobnicate"},
		{[]string{"render"}, exitUsage, "请用 -t 指定模板"},
		{[]string{"render", "-t"}, exitUsage, "需要一个值"},
		{[]string{"render", "--bogus"}, exitUsage, "没有这个选项"},
		{[]string{"render", "-t", "x", "-o", "a.pdf"}, exitUsage, "扩展名"},
		{[]string{"render", "-t", "no-such-template"}, exitFailure, "没有这个模板"},
		{[]string{"render", "-t", templates.Default, "-a", "no-such.yaml"}, exitFailure, "找不到答案文件 no-such.yaml"},
		{[]string{"lint", "no-such.yaml"}, exitFailure, ""},
		{[]string{"template"}, exitUsage, "请写明操作"},
		{[]string{"template", "copy", "no-such"}, exitFailure, "没有内置模板"},
		{[]string{"render", "--help"}, exitOK, ""},
		{[]string{"--help"}, exitOK, ""},
		{[]string{"help", "lint"}, exitOK, ""},
	}
	for _, tt := range tests {
		_, e, code := nigao(t, tt.args...)
		if code != tt.code || !strings.Contains(e, tt.err) {
			t.Errorf("nigao %v: exit %d %q, want %d %q", tt.args, code, e, tt.code, tt.err)
		}
	}
	out, _, _ := nigao(t, "render", "--help")
	if !strings.Contains(out, "-strict") || !strings.Contains(out, "用法") {
		t.Errorf("render --help:\n%s", out)
	}
}

func TestTemplatesAndCopy(t *testing.T) {
	atRoot(t)
	out, _, code := nigao(t, "templates")
	if code != 0 || !strings.Contains(out, templates.Default) || !strings.Contains(out, "内置") {
		t.Fatalf("templates: %d\n%s", code, out)
	}
	dir := t.TempDir()
	if _, e, code := nigao(t, "template", "copy", templates.Default, dir); code != 0 {
		t.Fatal(e)
	}
	p := filepath.Join(dir, templates.Default+".yaml")
	os.WriteFile(p, []byte("# 我改过的\n"), 0o644)
	if _, e, code := nigao(t, "template", "copy", templates.Default, dir); code != exitFailure || !strings.Contains(e, "--force") {
		t.Fatalf("copy over an existing file: exit %d %s", code, e)
	}
	if b, _ := os.ReadFile(p); string(b) != "# 我改过的\n" {
		t.Fatal("existing file clobbered")
	}
	if _, _, code := nigao(t, "template", "copy", templates.Default, dir, "--force"); code != 0 {
		t.Fatal("--force did not overwrite")
	}
}

func TestSchemaJSON(t *testing.T) {
	atRoot(t)
	out, _, code := nigao(t, "schema")
	var v map[string]any
	if code != 0 || json.Unmarshal([]byte(out), &v) != nil {
		t.Fatalf("schema is not JSON (exit %d)", code)
	}
	// The copy in docs/ (referenced from template headers) stays current.
	const p = "docs/nigao.schema.json"
	if update() {
		os.WriteFile(p, []byte(out), 0o644)
	}
	if b, err := os.ReadFile(p); err != nil || string(b) != out {
		t.Errorf("%s is stale: go test ./cmd/nigao -update", p)
	}
}

// BenchmarkRenderExample renders the default template's example answers
// to Markdown in-process: load the template, read answers, build, write.
func BenchmarkRenderExample(b *testing.B) {
	b.Chdir("../..")
	set, err := templates.Open([]string{})
	if err != nil {
		b.Fatal(err)
	}
	src, err := os.ReadFile(example)
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	var buf bytes.Buffer
	for b.Loop() {
		tpl, err := set.Load(templates.Default)
		if err != nil {
			b.Fatal(err)
		}
		a, err := schema.LoadAnswers(example, src)
		if err != nil {
			b.Fatal(err)
		}
		buf.Reset()
		if err := render.WriteMarkdown(&buf, render.Build(tpl.Evaluate(a))); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkRenderDocxCommand is `nigao render -o X.docx` on the largest
// example in-process, from opening the template set to the renamed
// file: what a whole-process run costs minus process start.
func BenchmarkRenderDocxCommand(b *testing.B) {
	b.Chdir("../..")
	out := filepath.Join(b.TempDir(), "x.docx")
	b.ReportAllocs()
	for b.Loop() {
		if code := run([]string{"render", "-q", "-t", templates.Default, "-a", example, "-o", out}, io.Discard, io.Discard); code != 0 {
			b.Fatalf("exit %d", code)
		}
	}
}

// TestLintAnswers: nigao lint on an answers file checks it as an answers
// file, against the template it names: not seven template errors about a
// missing id; a clerk's sentence that does not fit is an error at its
// line, a unit name that says 乡 with 单位类型 镇 a hint.
func TestLintAnswers(t *testing.T) {
	atRoot(t)
	dir := t.TempDir()
	write := func(name, src string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	for _, tc := range []struct {
		name, src, want string
		code            int
	}{
		{"good.yaml", "template: dept-annual\nvalues:\n  单位: XX县统计局\n", "", exitOK},
		{"yoy.yaml", "template: dept-annual\nfigures:\n  部门业务一:\n    - text: 完成{x}，{x|同比}。\n      fields: [{id: x, type: text}]\n", "yoy.yaml:4:20: “x”是文字，不能用格式“同比”（只能用于数字）\n", exitFailure},
		{"part.yaml", "template: dept-annual\nfigures:\n  党建:\n    - text: 完成{x}次。\n      fields: [{id: x}]\n", "part.yaml:4:13: figures: 模板“dept-annual”中没有部分“党建”", exitFailure},
		{"hint.yaml", "template: township-annual\nvalues:\n  单位: 归义乡\n  单位类型: 镇\n", "hint.yaml:4:9: 提示：单位名称“归义乡”是乡，单位类型却是“镇”", exitOK},
		{"notpl.yaml", "template: no-such\nvalues:\n  单位: 归义乡\n", "notpl.yaml: 答案文件用的模板“no-such”：没有这个模板", exitFailure},
		{"prev2023.yaml", "template: dept-housing\nvalues:\n  建筑业产值: 69\n  建筑业增速: 8\n", "", exitOK},
		{"rate.yaml", "template: dept-housing\nprevious: prev2023.yaml\nvalues:\n  建筑业产值: 75\n  建筑业增速: 8\n", "rate.yaml:5:10: 提示：“同比增速”填的 8% 与上年答案相同", exitOK},
	} {
		out, errOut, code := nigao(t, "lint", write(tc.name, tc.src))
		out = strings.ReplaceAll(out, dir+string(filepath.Separator), "")
		if code != tc.code || !strings.HasPrefix(out, tc.want) || tc.want == "" && out != "" || strings.Contains(out, "模板缺少 id") {
			t.Errorf("%s: exit %d\n got %s%s\nwant %s", tc.name, code, out, errOut, tc.want)
		}
	}
}

// TestRenderTemplateOfAnswers: -a alone renders with the template the
// answers name, as the wizard does; answers that name none ask for -t.
func TestRenderTemplateOfAnswers(t *testing.T) {
	atRoot(t)
	withT, _, _ := nigao(t, "render", "-t", templates.Default, "-a", example, "-q")
	alone, errOut, code := nigao(t, "render", "-a", example, "-q")
	if code != exitOK || alone != withT {
		t.Fatalf("exit %d (%s): the draft differs from -t's", code, errOut)
	}
	none := filepath.Join(t.TempDir(), "a.yaml")
	if err := os.WriteFile(none, []byte("values:\n  单位: 归义乡\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, errOut, code := nigao(t, "render", "-a", none); code != exitUsage || !strings.Contains(errOut, "没有写 template:") {
		t.Errorf("answers naming no template: exit %d: %s", code, errOut)
	}
}

// A draft with no body (a template of optional parts, none filled in) is
// written, and render says why each part is not in it; with a part in it,
// render says nothing of the kind.
func TestRenderNoBody(t *testing.T) {
	dir := t.TempDir()
	tpl := filepath.Join(dir, "u.yaml")
	os.WriteFile(tpl, []byte("id: u\nname: u\ntitle: 总结\ninfo:\n  - {id: 单位, type: text}\nsections:\n  - use: 安全生产.隐患排查\n"), 0o644)
	ans := filepath.Join(dir, "a.yaml")
	os.WriteFile(ans, []byte("template: u.yaml\nvalues:\n  单位: 甲镇\n"), 0o644)
	_, e, code := nigao(t, "render", "-a", ans, "-o", "-")
	if code != exitOK || !strings.Contains(e, "提示: 稿子没有正文，各部分都不写入：\n  深化隐患排查，推动问题整改清零：一个数字都还没填") {
		t.Errorf("exit %d:\n%s", code, e)
	}
	os.WriteFile(ans, []byte("template: u.yaml\nvalues:\n  单位: 甲镇\n  发现隐患: 30\n"), 0o644)
	if _, e, _ := nigao(t, "render", "-a", ans, "-o", "-"); strings.Contains(e, "没有正文") {
		t.Errorf("a draft with a body is said to have none:\n%s", e)
	}
}
