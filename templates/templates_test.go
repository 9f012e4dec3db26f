package templates_test

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/nigao/nigao/render"
	"github.com/nigao/nigao/schema"
	"github.com/nigao/nigao/templates"
	"go.yaml.in/yaml/v3"
)

var update = flag.Bool("update", false, "rewrite the golden files: testdata/golden/*.md from the example answers")

// The built-in templates the issue asks for; `nigao templates` lists them.
var wantIDs = []string{"township-halfyear", "township-annual", "township-report", "dept-annual",
	"dept-civil-affairs", "dept-housing", "dept-disability", "dept-health", "dept-food-safety",
	"dept-sanitation", "dept-industry", "dept-investment", "dept-veterans", "dept-emergency"}

func builtinSet(t *testing.T) *templates.Set {
	t.Helper()
	s, err := templates.Open([]string{}) // built-ins only, no user directories
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func TestBuiltinsLoadAndListed(t *testing.T) {
	s := builtinSet(t)
	have := map[string]templates.Entry{}
	for _, e := range s.Entries() {
		if e.Builtin {
			have[e.ID] = e
		}
	}
	for _, id := range wantIDs {
		e, ok := have[id]
		if !ok {
			t.Errorf("built-in template %q missing from the list", id)
			continue
		}
		if e.Name == "" || e.Kind == "" || e.Description == "" {
			t.Errorf("%s: name, kind and description must all be set (got %q, %q, %q)", id, e.Name, e.Kind, e.Description)
		}
		tpl, err := s.Load(id)
		if err != nil {
			t.Errorf("%s: %v", id, err)
			continue
		}
		if tpl.Title.Src == "" || len(tpl.Opening) == 0 || len(tpl.Closing) == 0 {
			t.Errorf("%s: title, opening and closing are required", id)
		}
		for _, p := range tpl.Sections {
			if n := len(p.Headings); n < 2 || n > 4 {
				t.Errorf("%s: first-level section %s has %d heading phrasings, want 2–4", id, p.ID, n)
			}
		}
	}
	if _, ok := have[templates.Default]; !ok {
		t.Errorf("default template %q is not built in", templates.Default)
	}
}

// Every library file lints on its own (Library() fails otherwise), and no
// field id is defined by two library sections, so any combination of
// sections in one template keeps ids unique.
func TestLibraryFieldIDsUnique(t *testing.T) {
	if _, err := templates.Library(); err != nil {
		t.Fatal(err)
	}
	owner := map[string]string{}
	for name, src := range templates.LibrarySources() {
		var lib struct {
			Sections []yaml.Node `yaml:"sections"`
		}
		if err := yaml.Unmarshal(src, &lib); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		for i := range lib.Sections {
			var sec struct {
				ID string `yaml:"id"`
			}
			_ = lib.Sections[i].Decode(&sec)
			for _, id := range fieldIDs(&lib.Sections[i]) {
				where := name + ":" + sec.ID
				if prev, ok := owner[id]; ok && prev != where {
					t.Errorf("field %q defined in %s and %s", id, prev, where)
				}
				owner[id] = where
			}
		}
	}
}

func fieldIDs(n *yaml.Node) []string {
	var out []string
	if n.Kind != yaml.MappingNode {
		return nil
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i].Value, n.Content[i+1]
		switch k {
		case "fields":
			for _, f := range v.Content {
				var fd struct {
					ID string `yaml:"id"`
				}
				_ = f.Decode(&fd)
				out = append(out, fd.ID)
			}
		case "items":
			for _, it := range v.Content {
				out = append(out, fieldIDs(it)...)
			}
		}
	}
	return out
}

// loadExample loads a built-in template and its example answers.
func loadExample(t *testing.T, s *templates.Set, id string) (*schema.Template, *schema.Answers) {
	t.Helper()
	tpl, err := s.Load(id)
	if err != nil {
		t.Fatal(err)
	}
	a, err := schema.LoadAnswersFile(filepath.Join("..", "testdata", "answers", id+".yaml"))
	if err != nil {
		t.Fatal(err)
	}
	if tpl, err = schema.WithFigures(tpl, a); err != nil {
		t.Fatal(err)
	}
	return tpl, a
}

// render draws the example answers of a built-in template as Markdown.
func renderExample(t *testing.T, s *templates.Set, id string) (string, *render.Document, *schema.Template) {
	t.Helper()
	tpl, a := loadExample(t, s, id)
	for _, w := range a.Check(tpl) {
		t.Errorf("%s: answers: %v", id, w)
	}
	doc := render.Build(tpl.Evaluate(a))
	var buf bytes.Buffer
	if err := render.WriteMarkdown(&buf, doc); err != nil {
		t.Fatal(err)
	}
	return buf.String(), doc, tpl
}

func TestExamplesRenderCompleteAndMatchGolden(t *testing.T) {
	s := builtinSet(t)
	for _, id := range wantIDs {
		t.Run(id, func(t *testing.T) {
			md, doc, _ := renderExample(t, s, id)
			if strings.Contains(md, "【待填") || len(doc.Missing) > 0 {
				var miss []string
				for _, m := range doc.Missing {
					miss = append(miss, m.Label)
				}
				t.Errorf("draft still has gaps: %s", strings.Join(miss, "、"))
			}
			// A heading whose every sentence was left out would stand alone.
			lines := strings.Split(md, "\n")
			for i, ln := range lines {
				if strings.HasPrefix(ln, "#") && i+2 < len(lines) && strings.HasPrefix(lines[i+2], "#") && headingLevel(lines[i+2]) <= headingLevel(ln) {
					t.Errorf("empty part: %s", ln)
				}
			}
			golden := filepath.Join("..", "testdata", "golden", id+".md")
			if *update {
				if err := os.MkdirAll(filepath.Dir(golden), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(golden, []byte(md), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run go test ./templates -update)", err)
			}
			if string(want) != md {
				t.Errorf("draft differs from %s (run go test ./templates -update and review the diff)\n%s", golden, firstDiff(string(want), md))
			}
		})
	}
}

func headingLevel(s string) int { return len(s) - len(strings.TrimLeft(s, "#")) }

func firstDiff(a, b string) string {
	al, bl := strings.Split(a, "\n"), strings.Split(b, "\n")
	for i := 0; i < len(al) || i < len(bl); i++ {
		var x, y string
		if i < len(al) {
			x = al[i]
		}
		if i < len(bl) {
			y = bl[i]
		}
		if x != y {
			return fmt.Sprintf("line %d:\n- %s\n+ %s", i+1, x, y)
		}
	}
	return ""
}

// Every figure sample 000 (归义镇半年度工作情况总结) gives in its 党建 and
// 民政/民生 parts is a field of the half-year template with the sample's
// unit, and the example draft carries it.
func TestSample000FiguresInHalfYear(t *testing.T) {
	s := builtinSet(t)
	md, _, tpl := renderExample(t, s, "township-halfyear")
	a, err := schema.LoadAnswersFile(filepath.Join("..", "testdata", "answers", "township-halfyear.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	figures := []struct {
		field, value, unit, inDraft string
	}{
		// 党建：组织建设
		{"党群服务驿站", "9", "个", "9个党群服务驿站"},
		{"微网格", "253", "个", "微网格253个"},
		{"党员志愿者", "140", "名", "140名党员志愿者"},
		{"志愿轮值次数", "2", "次", "不少于2次"},
		{"志愿轮值时长", "2", "小时", "不少于2小时"},
		// 党建：党员队伍和党费
		{"支部会议每月次数", "1", "次", "每月召开党支部会议1次"},
		{"党员大会每季次数", "1", "次", "每季度召开党员大会1次"},
		{"党费一季度", "64391", "元", "64391元"},
		{"党费二季度", "58192", "元", "58192元"},
		{"党费合计", "", "元", "122583元"},
		{"培养积极分子", "69", "名", "积极分子69名"},
		{"储备积极分子", "142", "名", "储备142名"},
		{"发展党员", "40", "名", "发展党员40名"},
		{"转正党员", "70", "名", "转正70名"},
		{"党务培训日期", "2022-04-15", "", "2022年4月15日"},
		{"亮诺时间", "5月底", "", "5月底"},
		// 党建：宣传与志愿服务
		{"志愿服务人次", "1万多", "人次", "1万多人次"},
		{"志愿活动", "482", "次", "482次"},
		{"志愿服务时长", "3212.7", "小时", "3212.7小时"},
		{"新闻报道", "40余", "篇", "40余篇"},
		{"注册志愿者", "近4000", "人", "近4000人"},
		// 党建：纪检
		{"廉政教育", "12", "次", "廉政教育12次"},
		{"问题线索", "6", "起", "问题线索6起"},
		{"线索办结", "4", "起", "已办结4起"},
		{"信访了结", "3", "起", "信访件3起"},
		{"委托谈话", "5", "起", "委托谈话5起"},
		{"纪检宣传资料", "2万", "份", "宣传资料2万份"},
		{"督查通报", "7", "期", "督查通报7期"},
		{"通报履职不力", "1", "起", "履职不力问题1起"},
		{"诫勉谈话", "3", "人", "诫勉谈话3人"},
		{"提醒谈话", "3", "人", "提醒谈话3人"},
		// 民政
		{"低保户数", "511", "户", "低保户511户"},
		{"低保人数", "1002", "人", "1002人"},
		{"新增低保户", "88", "户", "新增低保88户"},
		{"新增低保人", "185", "人", "185人"},
		{"入住敬老院", "25", "人", "入住敬老院25人"},
		{"临时救助人数", "331", "人", "临时救助331人"},
		{"救助金", "343200", "元", "救助金343200元"},
		{"社工站活动", "7", "场", "社区活动7场"},
		{"社工个案", "4", "个", "个案对象4个"},
		{"居家托养", "10", "个", "居家托养服务对象10个"},
		// 民生：教育
		{"教育基金", "126", "万元", "教育基金126万元"},
		{"校门整治投入", "8", "万元", "投入8万元"},
		{"停车场投入", "10", "万元", "投入10万元"},
		{"停车场面积", "近20", "亩", "近20亩"},
		{"新增停车位", "近100", "个", "停车位近100个"},
		// 民生：乡村振兴中的粮食生产
		{"早稻面积", "2900", "亩", "早稻种植2900亩"},
	}
	for _, f := range figures {
		fd := tpl.Field(f.field)
		if fd == nil {
			t.Errorf("half-year template has no field %q", f.field)
			continue
		}
		if fd.Unit != f.unit {
			t.Errorf("field %s: unit %q, sample uses %q", f.field, fd.Unit, f.unit)
		}
		if f.value != "" {
			if r, ok := a.Get(f.field); !ok || r.Text != f.value {
				t.Errorf("answers: %s = %q, want the sample's %q", f.field, r.Text, f.value)
			}
		}
		if !strings.Contains(md, f.inDraft) {
			t.Errorf("draft lacks %q (field %s)", f.inDraft, f.field)
		}
	}
}

// The golden files are exactly the example drafts; none is left over.
func TestNoStrayGolden(t *testing.T) {
	ids := map[string]bool{}
	for _, id := range wantIDs {
		ids[id] = true
	}
	err := fs.WalkDir(os.DirFS(filepath.Join("..", "testdata", "golden")), ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		if id := strings.TrimSuffix(p, ".md"); !ids[id] {
			t.Errorf("testdata/golden/%s has no built-in template", p)
		}
		return nil
	})
	if err != nil && !*update {
		t.Fatal(err)
	}
}

// BenchmarkOpenLoad: open the built-in set and load the default
// template, as starting the wizard or render does.
func BenchmarkOpenLoad(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		s, err := templates.Open([]string{})
		if err != nil {
			b.Fatal(err)
		}
		if _, err := s.Load(templates.Default); err != nil {
			b.Fatal(err)
		}
	}
}

// TestUseOneLibraryItem: a template takes one item of a built-in library
// section (use: 安全生产.隐患排查, or the item's id) and its draft has that
// item's sentence and none of the section's other items.
func TestUseOneLibraryItem(t *testing.T) {
	s := builtinSet(t)
	src := []byte(`id: one-item
name: 单项引用
title: "{单位}安全生产工作情况"
info:
  - {id: 单位, type: text}
sections:
  - heading: 安全生产
    items:
      - use: 安全生产.隐患排查
  - heading: 市容
    items:
      - use: 城镇.市容秩序
`)
	tpl, err := schema.Load("one-item.yaml", src, s.Lib)
	if err != nil {
		t.Fatal(err)
	}
	a := schema.NewAnswers(tpl)
	for id, v := range map[string]string{"单位": "某镇", "检查企业": "86", "发现隐患": "132", "整改隐患": "126", "精细化试点": "5"} {
		a.Set(id, schema.Raw{Text: v})
	}
	var buf bytes.Buffer
	if err := render.WriteMarkdown(&buf, render.Build(tpl.Evaluate(a))); err != nil {
		t.Fatal(err)
	}
	md := buf.String()
	for _, want := range []string{"检查企业（场所）86家", "整改率95.5%", "5个社区"} {
		if !strings.Contains(md, want) {
			t.Errorf("draft lacks %q:\n%s", want, md)
		}
	}
	if tpl.Field("安监站点") != nil || tpl.Field("菜地清零") != nil || strings.Contains(md, "自建房") {
		t.Errorf("other items of the sections came along:\n%s", md)
	}
}

// TestBuiltinFileNames: a built-in template's file is named by its id, so
// Load finds it without reading the others.
func TestBuiltinFileNames(t *testing.T) {
	set, err := templates.Open([]string{})
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, e := range set.Entries() {
		if !e.Builtin {
			continue
		}
		n++
		if e.Err != nil {
			t.Error(e.Err)
		}
		if want := "builtin/" + e.ID + ".yaml"; e.Path != want {
			t.Errorf("built-in %s is in %s, want %s", e.ID, e.Path, want)
		}
	}
	if n == 0 {
		t.Fatal("no built-in templates")
	}
}

// mayBeEmpty matches help that tells the clerk a field may be left empty.
var mayBeEmpty = regexp.MustCompile(`可不填|不填则|不填就|不填时|可以不填|可留空`)

// TestLeftEmptyAsHelpSays: a field whose help says it may be left empty
// (没有可不填) leaves no 【待填】 when it is: in each example, each such
// field is emptied in turn and the draft must not ask for it.
func TestLeftEmptyAsHelpSays(t *testing.T) {
	s := builtinSet(t)
	for _, id := range wantIDs {
		tpl, a := loadExample(t, s, id)
		for _, f := range tpl.Fields() {
			r, ok := a.Get(f.ID)
			if !ok || f.Computed() || !mayBeEmpty.MatchString(f.Help) {
				continue
			}
			a.Delete(f.ID)
			for _, m := range render.Build(tpl.Evaluate(a)).Missing {
				if m.Field == f.ID {
					t.Errorf("%s: %s（%s）says “%s”, but left empty the draft asks for it", id, f.ID, f.Label, f.Help)
				}
			}
			a.Set(f.ID, r)
		}
	}
}

// TestLoadFor: answers find the template they name beside them — by id
// (where nigao import writes it) or by a path relative to them — and two
// templates there with that id are refused, naming both.
func TestLoadFor(t *testing.T) {
	dir := t.TempDir()
	tpl := "id: imported-x\nname: 导入\ntitle: 总结\nsections:\n  - {id: s, heading: 一, text: 正文。}\n"
	write := func(name, src string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	write("t.yaml", tpl)
	ans := write("2025.yaml", "template: imported-x\nvalues: {}\n")
	set, err := templates.Open([]string{})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := set.Load("imported-x"); !errors.Is(err, templates.ErrNotFound) {
		t.Fatalf("by id alone: %v", err)
	}
	for _, ref := range []string{"imported-x", "t.yaml"} {
		if got, err := set.LoadFor(ref, ans); err != nil || got.ID != "imported-x" {
			t.Errorf("LoadFor(%q): %v", ref, err)
		}
	}
	if _, err := set.LoadFor("other", ans); err == nil || !strings.Contains(err.Error(), "答案文件所在的文件夹里也没有 id 为“other”的模板") {
		t.Errorf("unknown id: %v", err)
	}
	// the copy beside the answers wins over a user template of its id
	other := t.TempDir()
	if err := os.WriteFile(filepath.Join(other, "x.yaml"), []byte(tpl), 0o644); err != nil {
		t.Fatal(err)
	}
	withUser, err := templates.Open([]string{other})
	if err != nil {
		t.Fatal(err)
	}
	if got, err := withUser.LoadFor("imported-x", ans); err != nil || got.Pos.File != filepath.Join(dir, "t.yaml") {
		t.Errorf("beside and in the user folder: %v, %v", got.Pos, err)
	}
	// a broken copy beside them is told, not passed over for that one
	write("t.yaml", strings.Replace(tpl, "title: 总结", "title： 总结", 1))
	if _, err := withUser.LoadFor("imported-x", ans); err == nil || !strings.Contains(err.Error(), "答案文件旁边的模板 "+filepath.Join(dir, "t.yaml")+" 有错误") || !strings.Contains(err.Error(), "t.yaml:3:") {
		t.Errorf("broken beside: %v", err)
	}
	write("t.yaml", tpl)
	write("t2.yaml", tpl)
	if _, err := set.LoadFor("imported-x", ans); err == nil || !strings.Contains(err.Error(), "（t.yaml、t2.yaml）") {
		t.Errorf("two with one id: %v", err)
	}
}
