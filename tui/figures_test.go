package tui

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/nigao/nigao/render"
	"github.com/nigao/nigao/schema"
)

// addSentence goes to the 加一句带数字的话 row of the part whose heading
// field is titleField, opens the dialog, types the sentence and has its
// figures found; edit then corrects them on the open dialog, and Enter
// adds the sentence.
func addSentence(t *testing.T, m *Model, titleField, sentence string, edit func(d *figurePage)) {
	t.Helper()
	if !jump(m, titleField) {
		t.Fatalf("no field %s", titleField)
	}
	for i := 0; i < 40 && formOf(m).focused().kind != wAddFigure; i++ {
		press(m, "tab") // past the part's fields, the clerk's figures added so far too
	}
	if w := formOf(m).focused(); w == nil || w.kind != wAddFigure {
		t.Fatalf("after %s: not on ＋ 加一句带数字的话", titleField)
	}
	press(m, "enter")
	d := onTop[*figurePage](m)
	if d == nil {
		t.Fatal("Enter on ＋ 加一句带数字的话 opened no dialog")
	}
	typeText(m, sentence)
	press(m, "enter")
	if d.rows == nil {
		t.Fatalf("%s: no figures found (%s)", sentence, d.errText)
	}
	if edit != nil {
		edit(d)
	}
	press(m, "enter")
	if onTop[*figurePage](m) != nil {
		t.Fatalf("%s: not added: %s", sentence, d.errText)
	}
}

// rename clears the focused name box and types name (the focus is on a
// row's name when the figures are found).
func rename(m *Model, name string) {
	press(m, "ctrl+u")
	typeText(m, name)
}

// TestFiguresAcceptance is issue 12's acceptance test: a department the
// templates have never heard of (XX县统计局, testdata/figures) writes its
// business parts in the wizard by adding sentences with figures: every
// figure becomes a typed field with its unit, 同比 works against last
// year's answers (which name the same figures), and the draft has no
// 【待填】. What the wizard saved renders the same through nigao render's
// path (WithFigures on a fresh template).
func TestFiguresAcceptance(t *testing.T) {
	start, err := os.ReadFile("../testdata/figures/统计局2024-开始.yaml")
	if err != nil {
		t.Fatal(err)
	}
	ans := filepath.Join(t.TempDir(), "统计局2024.yaml")
	if err := os.WriteFile(ans, start, 0o644); err != nil {
		t.Fatal(err)
	}
	prev := "../testdata/figures/统计局2023.yaml"
	m := newModel(t, Options{Template: "dept-annual", AnswersPath: ans, Previous: prev}, 120, 40)

	jump(m, "业务一标题")
	typeText(m, "依法统计持续深化")
	addSentence(t, m, "业务一标题", "开展“双随机”统计执法检查31家，立案查处统计违法案件4起", func(d *figurePage) {
		rename(m, "统计执法检查")                    // the name proposed was 开展双随机统计执法检查
		press(m, "tab", "tab", "tab", "space") // 后面写同比
	})
	addSentence(t, m, "业务一标题", "企业联网直报及时率达到99.2%", nil)
	jump(m, "业务二标题")
	typeText(m, "统计调查提质增效")
	addSentence(t, m, "业务二标题", "完成住户收支调查记账户156户，采集价格数据1.8万条", func(d *figurePage) {
		rename(m, "住户收支调查记账户")
	})
	addSentence(t, m, "业务二标题", "争取专项调查经费42.5万元", func(d *figurePage) {
		rename(m, "争取专项调查经费")
		press(m, "tab", "tab", "tab", "space")
	})
	jump(m, "业务三标题")
	typeText(m, "统计服务更接地气")
	addSentence(t, m, "业务三标题", "发布统计信息和分析报告58篇，举办“统计开放日”活动3场", func(d *figurePage) {
		press(m, "tab", "tab", "tab", "space")
	})

	// every figure is a field of the template, typed, with its unit
	want := map[string]string{
		"统计执法检查": "integer 家", "查处统计违法案件": "integer 起", "企业联网直报及时率": "percent ",
		"住户收支调查记账户": "integer 户", "采集价格数据": "integer 条", "争取专项调查经费": "money 万元",
		"发布统计信息和分析报告": "integer 篇", "举办统计开放日活动": "integer 场",
	}
	s := m.s
	for id, tu := range want {
		f := s.t.Field(id)
		if f == nil || !f.Clerk {
			t.Errorf("%s: not one of the clerk's fields of the template", id)
			continue
		}
		if got := string(f.Type) + " " + f.Unit; got != tu {
			t.Errorf("%s: %s, want %s", id, got, tu)
		}
		if v := s.vs.Value(id); v.State != schema.Set {
			t.Errorf("%s: %v, want a value", id, v.State)
		}
	}
	var md bytes.Buffer
	if err := render.WriteMarkdown(&md, s.doc); err != nil {
		t.Fatal(err)
	}
	draft := md.String()
	for _, w := range []string{
		"开展“双随机”统计执法检查31家，同比增长24.0%，立案查处统计违法案件4起。企业联网直报及时率达到99.2%。",
		"争取专项调查经费42.5万元，同比增长18.1%。",
		"发布统计信息和分析报告58篇，同比增长16.0%，举办“统计开放日”活动3场。",
	} {
		if !strings.Contains(draft, w) {
			t.Errorf("draft lacks %s", w)
		}
	}
	if strings.Contains(draft, "【待填") || len(s.doc.Missing) > 0 {
		t.Errorf("draft has gaps:\n%s", draft)
	}
	// the form shows last year's value beside a figure of the clerk's
	jump(m, "统计执法检查")
	if !strings.Contains(screenText(m), "上年 25") {
		t.Errorf("no 上年 beside 统计执法检查:\n%s", screenText(m))
	}

	// saved: the answers file, read again as nigao render reads it, makes
	// the same draft
	a, err := schema.LoadAnswersFile(ans)
	if err != nil {
		t.Fatal(err)
	}
	// as testdata/figures/统计局2024.yaml has them (what nigao render's
	// tests render)
	kept, err := schema.LoadAnswersFile("../testdata/figures/统计局2024.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if got, want := sentences(a), sentences(kept); got != want {
		t.Errorf("figures saved:\n%s\nwant (testdata/figures/统计局2024.yaml):\n%s", got, want)
	}
	base, err := m.set.Load("dept-annual")
	if err != nil {
		t.Fatal(err)
	}
	tpl, err := schema.WithFigures(base, a)
	if err != nil {
		t.Fatal(err)
	}
	p, err := schema.LoadAnswersFile(prev)
	if err != nil {
		t.Fatal(err)
	}
	vs := tpl.Evaluate(a)
	vs.Prev = tpl.Evaluate(p)
	var again bytes.Buffer
	if err := render.WriteMarkdown(&again, render.Build(vs)); err != nil {
		t.Fatal(err)
	}
	if again.String() != draft {
		t.Errorf("the saved answers render otherwise:\n%s", firstLineDiff(draft, again.String()))
	}
}

func firstLineDiff(a, b string) string {
	al, bl := strings.Split(a, "\n"), strings.Split(b, "\n")
	for i := range max(len(al), len(bl)) {
		x, y := "", ""
		if i < len(al) {
			x = al[i]
		}
		if i < len(bl) {
			y = bl[i]
		}
		if x != y {
			return "- " + x + "\n+ " + y
		}
	}
	return ""
}

// TestFigureDialog: the dialog proposes names and units, takes
// corrections (a unit changed is changed in the sentence too), refuses a
// name in use with the reason, and Esc adds nothing; Ctrl+X on a
// figure of the clerk's deletes its sentence and its values.
func TestFigureDialog(t *testing.T) {
	ans := copyAnswersOf(t, "dept-annual")
	m := newModel(t, Options{Template: "dept-annual", AnswersPath: ans}, 100, 30)
	jump(m, "业务五标题")
	press(m, "tab", "enter")
	typeText(m, "办理群众统计咨询300余件")
	press(m, "enter")
	d := onTop[*figurePage](m)
	if d == nil || len(d.rows) != 1 || d.rows[0].unit.String() != "件" {
		t.Fatalf("figures found: %+v", d)
	}
	// the cursor is in the name box, after the name
	_, cur := d.view(100, 28)
	if cur == nil {
		t.Fatal("no cursor in the name box")
	}
	rename(m, "统计执法检查") // the example's own figure: taken
	press(m, "enter")
	if !strings.Contains(d.errText, "已经有了") {
		t.Fatalf("name in use: %q", d.errText)
	}
	rename(m, "统计咨询")
	press(m, "tab", "ctrl+u")
	typeText(m, "次")
	fs, values := d.figureSentence()
	if fs.Text != "办理群众统计咨询{统计咨询}次。" || values["统计咨询"] != "300余" {
		t.Fatalf("sentence %q, values %v", fs.Text, values)
	}
	press(m, "esc")
	if onTop[*figurePage](m) != nil || m.s.t.Field("办理统计咨询") != nil {
		t.Fatal("Esc added the sentence")
	}

	// F2 on one of the example's figures: its label, in the answers
	jump(m, "发现问题")
	press(m, "f2", "ctrl+u")
	typeText(m, "发现的问题")
	press(m, "enter")
	if f := m.s.t.Field("发现问题"); f == nil || f.Label != "发现的问题" {
		t.Fatalf("F2 on a figure of the clerk's: %+v", f)
	}
	if a, err := schema.LoadAnswersFile(ans); err != nil || a.Figures("部门业务一")[0].Fields[1].Label != "发现的问题" {
		t.Fatalf("label not saved (%v)", err)
	}

	// Ctrl+X on one of the example's figures: its sentence goes
	jump(m, "发现问题")
	press(m, "ctrl+x")
	if onTop[*dialog](m) == nil {
		t.Fatal("Ctrl+X on a figure of the clerk's asked nothing")
	}
	// the question quotes the sentence as the draft says it
	if sc := screenText(m); !strings.Contains(sc, "完成统计执法检查25家") || strings.Contains(sc, "{统计执法检查}") {
		t.Fatalf("Ctrl+X asks about the sentence with its slots:\n%s", sc)
	}
	press(m, "y")
	if m.s.t.Field("发现问题") != nil || m.s.t.Field("统计执法检查") != nil {
		t.Fatal("the sentence's figures are still fields")
	}
	if _, ok := m.s.st.a.Get("统计执法检查"); ok {
		t.Fatal("the deleted figure's value stayed")
	}
	if len(m.s.st.a.Figures("部门业务一")) != 1 {
		t.Fatal("the other sentence of the part went too")
	}
}

// sentences writes the clerk's sentences of a, part by part, with their
// figures.
func sentences(a *schema.Answers) string {
	var b strings.Builder
	for _, p := range a.FigureParts() {
		for _, s := range a.Figures(p) {
			b.WriteString(p + ": " + s.Text)
			for _, f := range s.Fields {
				b.WriteString(" " + f.ID + "/" + f.Label + "/" + string(f.Type) + "/" + f.Unit)
			}
			b.WriteString("\n")
		}
	}
	return b.String()
}

// TestFigureUndo: adding and deleting a sentence of the clerk's are undo
// steps like the edit of a field, in the order they were done: Ctrl+Z
// brings a deleted sentence back with its values, takes an added one
// away, and never skips past either to an older edit.
func TestFigureUndo(t *testing.T) {
	ans := copyAnswersOf(t, "dept-annual")
	m := newModel(t, Options{Template: "dept-annual", AnswersPath: ans}, 100, 30)
	jump(m, "清查单位")
	press(m, "ctrl+u")
	typeText(m, "2万")
	jump(m, "统计分析报告")
	press(m, "ctrl+u")
	typeText(m, "50")
	before := sentences(m.s.st.a)
	addSentence(t, m, "业务五标题", "办理统计咨询300件", nil)
	added := sentences(m.s.st.a)
	jump(m, "统计执法检查")
	was, _ := m.s.st.a.Get("统计执法检查")
	press(m, "ctrl+u")
	typeText(m, "30")
	press(m, "ctrl+x", "y")
	if m.s.t.Field("统计执法检查") != nil {
		t.Fatal("Ctrl+X, Y left 统计执法检查")
	}
	get := func(id string) string { r, _ := m.s.st.a.Get(id); return r.Text }
	steps := []struct {
		key   string
		check func() string
	}{
		{"ctrl+z", func() string { // the deleted sentence, as it was, with the focus on it
			if sentences(m.s.st.a) != added || get("统计执法检查") != "30" || m.s.t.Field("统计执法检查") == nil {
				return "deleted sentence not back: " + sentences(m.s.st.a) + " 统计执法检查=" + get("统计执法检查")
			}
			if w := formOf(m).focused(); w == nil || w.field == nil || w.field.ID != "完成统计执法检查" && w.field.ID != "统计执法检查" {
				return "the focus is not on the sentence back"
			}
			return ""
		}},
		{"ctrl+z", func() string {
			if get("统计执法检查") != was.Text {
				return "统计执法检查 = " + get("统计执法检查") + ", want " + was.Text
			}
			return ""
		}},
		{"ctrl+z", func() string { // the sentence added goes, with its value
			if sentences(m.s.st.a) != before || get("办理统计咨询") != "" || m.s.t.Field("办理统计咨询") != nil {
				return "added sentence not gone: " + sentences(m.s.st.a)
			}
			return ""
		}},
		{"ctrl+z", func() string {
			if get("统计分析报告") != "46" || get("清查单位") != "2万" {
				return "统计分析报告 = " + get("统计分析报告") + ", 清查单位 = " + get("清查单位")
			}
			return ""
		}},
		{"ctrl+y", func() string {
			if get("统计分析报告") != "50" {
				return "redo: 统计分析报告 = " + get("统计分析报告")
			}
			return ""
		}},
		{"ctrl+y", func() string {
			if sentences(m.s.st.a) != added || get("办理统计咨询") != "300" || m.s.t.Field("办理统计咨询") == nil {
				return "redo: sentence not added again: " + sentences(m.s.st.a)
			}
			return ""
		}},
	}
	for i, st := range steps {
		press(m, st.key)
		if msg := st.check(); msg != "" {
			t.Fatalf("step %d (%s): %s", i+1, st.key, msg)
		}
	}
	// what the wizard saved is what it shows
	saved, err := schema.LoadAnswersFile(ans)
	if err != nil {
		t.Fatal(err)
	}
	if sentences(saved) != added {
		t.Errorf("saved sentences:\n%s\nwant\n%s", sentences(saved), added)
	}
}

// TestFigureMisfit: the dialog adds nothing whose number does not fit the
// type chosen for it, nor a second 同比 where the sentence already says
// one, nor 同比 after a date or words; the focus goes to the row's type.
func TestFigureMisfit(t *testing.T) {
	ans := copyAnswersOf(t, "dept-annual")
	m := newModel(t, Options{Template: "dept-annual", AnswersPath: ans}, 100, 30)
	jump(m, "业务五标题")
	press(m, "tab", "enter")
	typeText(m, "实现营业收入98.7亿元，同比增长12.3%")
	press(m, "enter")
	d := onTop[*figurePage](m)
	if d == nil || len(d.rows) != 2 {
		t.Fatalf("figures found: %+v", d)
	}
	set := func(row int, typ schema.FieldType, yoy bool) {
		d.rows[row].typ = slices.Index(schema.FigureTypes, typ)
		d.rows[row].yoy = yoy
		d.focus = 0
	}
	money := d.found.Figures[0].Type
	for _, tc := range []struct {
		typ  schema.FieldType
		yoy  bool
		want string
		stop int
	}{
		{schema.Date, false, "按日期不对", stopType},
		{schema.Integer, false, "按整数不对", stopType},
		{schema.Text, true, "后面不能写同比", stopYoY},
		{money, true, "已经写了“同比”", stopYoY},
	} {
		set(0, tc.typ, tc.yoy)
		press(m, "enter")
		if onTop[*figurePage](m) == nil {
			t.Fatalf("%s, 同比 %v: added", tc.typ, tc.yoy)
		}
		if !strings.Contains(d.errText, tc.want) || d.focus != 1+tc.stop {
			t.Errorf("%s, 同比 %v: %q, focus %d; want %q, focus %d", tc.typ, tc.yoy, d.errText, d.focus, tc.want, 1+tc.stop)
		}
	}
	set(0, money, false)
	press(m, "enter")
	if onTop[*figurePage](m) != nil {
		t.Fatalf("the sentence as proposed was not added: %s", d.errText)
	}
}

// TestUntitledPart: a part whose heading is only a title still to fill
// is named in the form (and the figure dialog) by the part, not ××.
func TestUntitledPart(t *testing.T) {
	m := newModel(t, Options{Template: "dept-annual", AnswersPath: filepath.Join(t.TempDir(), "a.yaml")}, 120, 40)
	jump(m, "业务二标题")
	sc := screenText(m)
	if !strings.Contains(sc, "部门业务二（标题待填）") || strings.Contains(sc, "××") {
		t.Fatalf("untitled part:\n%s", sc)
	}
	press(m, "tab", "enter")
	if onTop[*figurePage](m) == nil {
		t.Fatal("no figure dialog")
	}
	if sc := screenText(m); !strings.Contains(sc, "部分：部门总结 › 部门业务二") {
		t.Fatalf("figure dialog names its part:\n%s", sc)
	}
	// titled, the part goes by the clerk's title in the outline and dialogs
	press(m, "esc")
	jump(m, "业务二标题")
	typeText(m, "统计服务提质增效")
	press(m, "tab", "enter")
	if sc := screenText(m); !strings.Contains(sc, "部分：部门总结 › （一）统计服务提质增效") && !strings.Contains(sc, "部分：部门总结 › 统计服务提质增效") {
		t.Fatalf("the dialog does not name the part by its title:\n%s", sc)
	}
}

// TestTownshipFigures: a township's figure the template lacks is added
// in the item it belongs to (信访 of township-annual), and the draft says
// it right after that item's own text, in the same paragraph.
func TestTownshipFigures(t *testing.T) {
	ans := copyAnswersOf(t, "township-annual")
	m := newModel(t, Options{Template: "township-annual", AnswersPath: ans}, 120, 40)
	addSentence(t, m, "受理信访", "开展领导干部接访日活动24次", nil)
	f := m.s.t.Field("开展领导干部接访日活动")
	if f == nil || f.Part.ID != "治理.信访" || f.Unit != "次" {
		t.Fatalf("the clerk's figure: %+v", f)
	}
	var md bytes.Buffer
	if err := render.WriteMarkdown(&md, m.s.doc); err != nil {
		t.Fatal(err)
	}
	found := false
	for _, line := range strings.Split(md.String(), "\n") {
		if strings.Contains(line, "开展领导干部接访日活动24次。") {
			found = strings.Contains(line, "均登记在册、跟踪办理") // the item's own text, same paragraph
		}
	}
	if !found {
		t.Fatalf("the sentence is not run on after 信访's text:\n%s", md.String())
	}
}

// TestFigureNameInUse: a figure named like a field the template already
// has (by its label too) is not added: the clerk is told where that field
// is; F2 does not give a figure another field's name either.
func TestFigureNameInUse(t *testing.T) {
	ans := copyAnswersOf(t, "township-annual")
	m := newModel(t, Options{Template: "township-annual", AnswersPath: ans}, 120, 40)
	jump(m, "受理信访")
	for i := 0; i < 40 && formOf(m).focused().kind != wAddFigure; i++ {
		press(m, "tab")
	}
	press(m, "enter")
	typeText(m, "受理群众来信来访和网上信访130件")
	press(m, "enter")
	d := onTop[*figurePage](m)
	if d == nil || len(d.rows) != 1 || d.rows[0].name.String() != "受理群众来信来访和网上信访" {
		t.Fatalf("figures found: %+v", d)
	}
	press(m, "enter")
	if onTop[*figurePage](m) == nil || !strings.Contains(d.errText, "模板里已经有“受理群众来信来访和网上信访”") || !strings.Contains(d.errText, "信访") || d.focus != 1+stopName {
		t.Fatalf("added, or told %q (focus %d)", d.errText, d.focus)
	}
	rename(m, "接访群众")
	press(m, "enter")
	if onTop[*figurePage](m) != nil {
		t.Fatalf("a name of its own not added: %s", d.errText)
	}
	// F2 to the template field's label: refused in the dialog, which
	// stays open with the name typed; what is typed next goes on the name
	jump(m, "接访群众")
	press(m, "f2", "ctrl+u")
	typeText(m, "受理群众来信来访和网上信访")
	press(m, "enter")
	d2 := onTop[*dialog](m)
	if d2 == nil {
		t.Fatalf("F2 to a template field's name closed the dialog; label %q", m.s.label("接访群众"))
	}
	if sc := screenText(m); !strings.Contains(sc, "模板里已经有“受理群众来信来访和网上信访”") || !strings.Contains(sc, "[受理群众来信来访和网上信访") {
		t.Fatalf("F2 refused: the name typed or the reason is not shown:\n%s", sc)
	}
	typeText(m, "（接访）")
	press(m, "enter")
	if onTop[*dialog](m) != nil {
		t.Fatalf("a name of its own refused: %s", d2.errText)
	}
	if got := m.s.label("接访群众"); got != "受理群众来信来访和网上信访（接访）" {
		t.Errorf("label %q", got)
	}
	if r, _ := m.s.st.a.Get("接访群众"); r.Text != "130" {
		t.Errorf("the value after F2: %q", r.Text)
	}
}

// TestFigureEdit: F3 on a figure of the clerk's opens its sentence as the
// draft says it, with the figures named, typed and switched as they were;
// what is changed replaces the sentence in its place (a figure no longer
// in it goes with its value), as one undo step.
func TestFigureEdit(t *testing.T) {
	ans := copyAnswersOf(t, "dept-annual")
	prev := "../testdata/figures/统计局2023.yaml"
	m := newModel(t, Options{Template: "dept-annual", AnswersPath: ans, Previous: prev}, 120, 40)
	addSentence(t, m, "业务五标题", "办理统计咨询300件，答复满意率98.5%", func(d *figurePage) {
		rename(m, "统计咨询")
		press(m, "tab", "tab", "tab", "space") // 后面写同比
	})
	before := sentences(m.s.st.a)
	jump(m, "统计咨询")
	press(m, "f3")
	d := onTop[*figurePage](m)
	if d == nil || d.changing < 0 {
		t.Fatal("F3 on a figure of the clerk's opened nothing")
	}
	if got := d.sentence.String(); got != "办理统计咨询300件，答复满意率98.5%" {
		t.Fatalf("sentence to change: %q", got)
	}
	if len(d.rows) != 2 || d.rows[0].name.String() != "统计咨询" || !d.rows[0].yoy || d.rows[1].yoy {
		t.Fatalf("rows: %+v", d.rows)
	}
	// change the sentence: the rate goes, a count comes
	d.focus = 0
	press(m, "ctrl+u")
	typeText(m, "办理统计咨询320件，开展统计开放日活动2次")
	press(m, "enter") // find the figures again
	if len(d.rows) != 2 {
		t.Fatalf("figures found again: %d", len(d.rows))
	}
	// what was chosen for the figure in that place carries over
	if d.rows[0].name.String() != "统计咨询" || !d.rows[0].yoy || d.rows[1].yoy {
		t.Fatalf("after finding the figures again: %q 同比 %v, %q 同比 %v", d.rows[0].name.String(), d.rows[0].yoy, d.rows[1].name.String(), d.rows[1].yoy)
	}
	press(m, "enter")
	if onTop[*figurePage](m) != nil {
		t.Fatalf("not changed: %s", d.errText)
	}
	ss := m.s.st.a.Figures("部门业务五")
	last := ss[len(ss)-1]
	if !strings.HasPrefix(last.Text, "办理统计咨询{统计咨询}件，{统计咨询|同比}") || len(last.Fields) != 2 {
		t.Fatalf("sentence now %q", last.Text)
	}
	if r, _ := m.s.st.a.Get("统计咨询"); r.Text != "320" {
		t.Errorf("统计咨询 = %q", r.Text)
	}
	if _, ok := m.s.st.a.Get("答复满意率"); ok || m.s.t.Field("答复满意率") != nil {
		t.Error("the figure no longer in the sentence stayed")
	}
	press(m, "ctrl+z")
	if got := sentences(m.s.st.a); got != before {
		t.Errorf("Ctrl+Z after F3:\n%s\nwant\n%s", got, before)
	}
	if r, _ := m.s.st.a.Get("答复满意率"); r.Text != "98.5%" && r.Text != "98.5" {
		t.Errorf("答复满意率 after undo = %q", r.Text)
	}
}

// TestFigureEditAppend: F3, type more at the end of the sentence, Enter:
// the figures that were there keep their names and 同比, and the text
// runs on without a 。 in the middle.
func TestFigureEditAppend(t *testing.T) {
	ans := copyAnswersOf(t, "dept-annual")
	m := newModel(t, Options{Template: "dept-annual", AnswersPath: ans}, 120, 40)
	addSentence(t, m, "业务五标题", "接待游客586.3万人次，实现旅游综合收入48.2亿元", func(d *figurePage) {
		press(m, "tab", "tab", "tab", "tab", "tab", "tab", "tab", "space") // 旅游综合收入: 后面写同比
	})
	jump(m, "接待游客")
	press(m, "f3")
	d := onTop[*figurePage](m)
	d.focus = 0
	press(m, "end")
	typeText(m, "，新增A级景区3家")
	press(m, "enter", "enter")
	if onTop[*figurePage](m) != nil {
		t.Fatalf("not changed: %s", d.errText)
	}
	ss := m.s.st.a.Figures("部门业务五")
	got := ss[len(ss)-1].Text
	if !strings.Contains(got, "|同比}") || strings.Contains(got, "。，") || len(ss[len(ss)-1].Fields) != 3 {
		t.Fatalf("sentence now %q", got)
	}
}

// TestFigureTooMany: a sentence with more figures or characters than an
// answers file may hold is refused while it is typed, and nothing is
// written that nigao could not read back.
func TestFigureTooMany(t *testing.T) {
	ans := copyAnswersOf(t, "dept-annual")
	m := newModel(t, Options{Template: "dept-annual", AnswersPath: ans}, 120, 40)
	before, _ := os.ReadFile(ans)
	var many strings.Builder
	for i := 1; i <= 25; i++ {
		fmt.Fprintf(&many, "开展第%s类活动%d场，", strings.Repeat("甲", i%3+1), i+2)
	}
	for _, tc := range []struct{ sentence, want string }{
		{many.String(), "一句最多 20 个"},
		{strings.Repeat("开展活动", 130) + "3场", "一句最多 500 个字"},
	} {
		jump(m, "业务五标题")
		press(m, "tab", "enter")
		d := onTop[*figurePage](m)
		typeText(m, tc.sentence)
		press(m, "enter")
		if d.rows != nil || !strings.Contains(d.errText, tc.want) {
			t.Errorf("%d characters: rows %d, %q", len([]rune(tc.sentence)), len(d.rows), d.errText)
		}
		press(m, "enter", "esc")
	}
	if after, _ := os.ReadFile(ans); !bytes.Equal(before, after) {
		t.Error("the answers file changed")
	}
	if _, err := schema.LoadAnswersFile(ans); err != nil {
		t.Fatal(err)
	}
}

// TestPutSentenceReadsBack: whatever the dialog let through, a sentence
// the answers file could not be read back with is not put in.
func TestPutSentenceReadsBack(t *testing.T) {
	ans := copyAnswersOf(t, "dept-annual")
	m := newModel(t, Options{Template: "dept-annual", AnswersPath: ans}, 120, 40)
	before := sentences(m.s.st.a)
	var fs schema.FigureSentence
	values := map[string]string{}
	for i := range 21 {
		id := fmt.Sprintf("活动%c", 'A'+i)
		fs.Text += "{" + id + "}"
		fs.Fields = append(fs.Fields, schema.FigureField{ID: id, Type: schema.Integer})
		values[id] = "3"
	}
	if _, err := m.s.putSentence("部门业务五", -1, fs, values); err == nil || !strings.Contains(err.Error(), "数字过多") {
		t.Fatalf("put: %v", err)
	}
	if sentences(m.s.st.a) != before {
		t.Error("the answers kept the sentence")
	}
	if _, ok := m.s.st.a.Get("活动A"); ok {
		t.Error("the answers kept a value of it")
	}
}

// manyFigures is a sentence of 20 figures, as many as a sentence may
// have: its rows are taller than a 40-line screen.
const manyFigures = "举办培训班3期，开展宣讲活动5场，走访企业12家，检查门店30个，发放资料800份，" +
	"调解纠纷15起，受理投诉22件，新建书屋4个，修缮道路6条，安装路灯90盏，" +
	"培育社团7支，招募志愿者160名，组织义诊9次，慰问老人210名，救助儿童18名，" +
	"整治河道2条，清运垃圾350吨，植树1200株，新增绿地8处，改造厕所40座"

// TestFigureDialogScrolls: with more figure rows than the screen has
// lines, the dialog scrolls so that the item with the focus (>) and the
// message about it are on the screen, on a 120×40 and an 80×24 terminal.
func TestFigureDialogScrolls(t *testing.T) {
	for _, size := range [][2]int{{120, 40}, {80, 24}} {
		t.Run(fmt.Sprintf("%dx%d", size[0], size[1]), func(t *testing.T) {
			ans := copyAnswersOf(t, "dept-annual")
			m := newModel(t, Options{Template: "dept-annual", AnswersPath: ans}, size[0], size[1])
			jump(m, "业务五标题")
			press(m, "tab", "enter")
			d := onTop[*figurePage](m)
			m.Update(tea.PasteMsg{Content: manyFigures})
			press(m, "enter")
			if len(d.rows) != 20 {
				t.Fatalf("%d figures found: %s", len(d.rows), d.errText)
			}
			shows := func(what string, want ...string) {
				t.Helper()
				sc := screenText(m)
				for _, w := range want {
					if !strings.Contains(sc, w) {
						t.Fatalf("%s: %q is not on the screen:\n%s", what, w, sc)
					}
				}
				if m.View().Cursor == nil && d.editing() != nil {
					t.Fatalf("%s: the cursor is off the screen:\n%s", what, sc)
				}
			}
			shows("the figures found", "> 名称：", "3期")
			lines := strings.Split(screenText(m), "\n")
			for i, l := range lines {
				if strings.Contains(l, "> 名称：") && (i+2 >= len(lines) || strings.TrimSpace(lines[i+2]) != "5场") {
					t.Errorf("the row with the focus, with nothing to say, is not followed by the next:\n%s", strings.Join(lines, "\n"))
				}
			}
			press(m, "shift+tab", "shift+tab") // the sentence, then the last row's 同比
			shows("the last row", "> 后面写同比", "40座")
			press(m, "shift+tab", "shift+tab", "shift+tab") // the last row's name
			press(m, "ctrl+u")
			typeText(m, "举办培训班") // the first row's name
			press(m, "enter")
			if !strings.Contains(d.errText, "这句话里的“3期”也叫“举办培训班”") || d.focus != 1+19*figureStops+stopName {
				t.Fatalf("two figures of one name: %q, focus %d", d.errText, d.focus)
			}
			said := string([]rune(d.errText)[:10])
			shows("a name used twice", "> 名称：[举办培训班", said)
			// the message stays under its row while that shows with the
			// focus, and goes with the focus when it would not show
			for _, k := range []string{"up", "up", "up", "up", "shift+tab", "shift+tab"} {
				press(m, k)
				shows("the focus moved on from the row told about", "> ", said)
				if n := strings.Count(screenText(m), said); n != 1 {
					t.Fatalf("the message is on the screen %d times", n)
				}
			}
			for d.focus != 1 {
				press(m, "up")
			}
			shows("the focus on the first row", "> 名称：[举办培训班", "3期", said)
			for d.focus != 1+19*figureStops {
				press(m, "down")
			}
			// a type that does not fit a figure in the middle
			d.rows[9].typ = slices.Index(schema.FigureTypes, schema.Date)
			d.focus = 0
			press(m, "enter")
			if d.focus != 1+9*figureStops+stopType {
				t.Fatalf("a date of 90盏: %q, focus %d", d.errText, d.focus)
			}
			shows("a type that does not fit", "> 类型", "90盏", string([]rune(d.errText)[:10]))
		})
	}
}

// TestFigureSentenceSpaces: a sentence pasted with a Tab or typed with
// spaces around its figures is kept with its white space as the draft
// writes it (none beside Chinese), not with a space the draft drops.
func TestFigureSentenceSpaces(t *testing.T) {
	ans := copyAnswersOf(t, "dept-annual")
	m := newModel(t, Options{Template: "dept-annual", AnswersPath: ans}, 120, 40)
	jump(m, "业务五标题")
	press(m, "tab", "enter")
	m.Update(tea.PasteMsg{Content: "举办非遗展演活动\t3场， 接入 5G 基站 12 个"})
	press(m, "enter")
	d := onTop[*figurePage](m)
	if got := d.sentence.String(); got != "举办非遗展演活动3场，接入5G基站12个" {
		t.Errorf("the sentence box after Enter: %q", got)
	}
	press(m, "enter")
	if onTop[*figurePage](m) != nil {
		t.Fatalf("not added: %s", d.errText)
	}
	ss := m.s.st.a.Figures("部门业务五")
	if got := ss[len(ss)-1].Text; strings.ContainsAny(got, " \t") {
		t.Errorf("sentence kept as %q", got)
	}
}

// TestFigureSentenceRetyped: Shift+Tab back to the sentence and Ctrl+U
// there sets the figures aside; the sentence typed or pasted again, with
// a number changed or not, gets back the names, units, types and 同比
// the clerk chose, as F3 does for a sentence changed.
func TestFigureSentenceRetyped(t *testing.T) {
	for _, again := range []func(m *Model){
		func(m *Model) { typeText(m, "办理统计咨询300件，答复满意率98.5%") },
		func(m *Model) { m.Update(tea.PasteMsg{Content: "办理统计咨询300件，答复满意率98.5%"}) },
		func(m *Model) { typeText(m, "办理统计咨询320件，答复满意率97%") },
	} {
		m := newModel(t, Options{Template: "dept-annual", AnswersPath: copyAnswersOf(t, "dept-annual")}, 120, 40)
		jump(m, "业务五标题")
		for formOf(m).focused().kind != wAddFigure {
			press(m, "tab")
		}
		press(m, "enter")
		d := onTop[*figurePage](m)
		typeText(m, "办理统计咨询300件，答复满意率98.5%")
		press(m, "enter")
		rename(m, "统计咨询")
		press(m, "tab")
		rename(m, "宗")                           // 单位
		press(m, "tab", "right", "tab", "space") // 类型 数字, 后面写同比
		want := rowsText(d)
		for d.focus != 0 {
			press(m, "shift+tab")
		}
		press(m, "ctrl+u")
		if d.rows != nil {
			t.Fatal("the figures stayed after the sentence was erased")
		}
		again(m)
		press(m, "enter")
		if got := rowsText(d); got != want || d.rows[0].name.String() != "统计咨询" {
			t.Errorf("figures found again:\n%s\nwant the choices made before:\n%s", got, want)
		}
	}
}

// TestFigureFocusAfter: once a sentence is in, the focus is where the
// clerk was: on ＋ 加一句带数字的话 after one is added (a key typed there
// changes no figure: 215 never becomes 2153), on the figure F3 was
// pressed on after it is changed, the caret after its value.
func TestFigureFocusAfter(t *testing.T) {
	m := newModel(t, Options{Template: "dept-annual", AnswersPath: copyAnswersOf(t, "dept-annual")}, 120, 40)
	addSentence(t, m, "业务五标题", "办理统计咨询215件，答复满意率98.5%", nil)
	f := formOf(m)
	if w := f.focused(); w == nil || w.kind != wAddFigure || w.part.ID != "部门业务五" {
		t.Fatalf("focus after adding a sentence: %+v", w)
	}
	typeText(m, "3")
	if r, _ := m.s.st.a.Get("办理统计咨询"); r.Text != "215" {
		t.Errorf("办理统计咨询 = %q after a key on ＋, want 215", r.Text)
	}
	jump(m, "答复满意率")
	press(m, "f3", "enter") // the sentence as it was, put back
	f = formOf(m)
	w := f.focused()
	if w == nil || w.field == nil || w.field.ID != "答复满意率" || w.ed.pos != len(w.ed.value) {
		t.Fatalf("focus after F3: %+v", w)
	}
}

// rowsText is what the clerk chose for the figures found.
func rowsText(d *figurePage) string {
	var b strings.Builder
	for _, r := range d.rows {
		fmt.Fprintf(&b, "%s %s %s 同比%v; ", r.name, r.unit, schema.FigureTypes[r.typ], r.yoy)
	}
	return b.String()
}
