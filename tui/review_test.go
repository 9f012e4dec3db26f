package tui

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/nigao/nigao/schema"
	"github.com/nigao/nigao/templates"
)

// TestReviewLeftOut: the review says which parts are not in the draft
// and why; Enter on one goes to its first field.
func TestReviewLeftOut(t *testing.T) {
	m := newModel(t, Options{Template: templates.Default, AnswersPath: copyAnswers(t)}, 120, 40)
	f := formOf(m)
	// leave 安全生产 out by hand
	f.setNode(f.tree.byPart["安全生产"], true)
	f.focus = 0
	press(m, "ctrl+o")
	press(m, "ctrl+r")
	scr := screenText(m)
	for _, want := range []string{"不写入稿子的部分（2 个）", "  经济发展：一个数字都还没填", "  安全生产：选了不写入", "个可选的小节一个数字都没填"} {
		if !strings.Contains(scr, want) {
			t.Errorf("review lacks %q:\n%s", want, scr)
		}
	}
	r := onTop[*reviewPage](m)
	row := -1
	for i, rw := range r.rows {
		if strings.Contains(rw.text, "安全生产：选了不写入") {
			row = i
		}
	}
	if row < 0 || !r.rows[row].jumps() {
		t.Fatalf("the 安全生产 row cannot be jumped from: %+v", r.rows)
	}
	r.sel = row
	press(m, "enter")
	if screen(m) != "form" || f.cur != f.tree.byPart["安全生产"] || f.focused().kind != wInclude {
		t.Errorf("enter went to %s, widget %d", f.cur.name(m.s), f.focus)
	}
}

// TestReviewUnwritten: a figure typed in whose sentence is not written
// (its condition is false) is listed with why, and Enter goes to the
// field that decides it. Computed values of parts not in the draft are
// not listed as 待填.
func TestReviewUnwritten(t *testing.T) {
	ans := copyAnswers(t)
	a, err := schema.LoadAnswersFile(ans)
	if err != nil {
		t.Fatal(err)
	}
	a.Delete("党务培训日期") // the sentence of 党务培训内容 asks for it
	if err := a.Save(ans); err != nil {
		t.Fatal(err)
	}
	m := newModel(t, Options{Template: templates.Default, AnswersPath: ans}, 120, 40)
	press(m, "ctrl+r")
	scr := screenText(m)
	if !strings.Contains(scr, "填了但没写进稿子（1 项）") || !strings.Contains(scr, "学习教育：培训内容 党员发展、“三会一课”") ||
		!strings.Contains(scr, "    条件“党务（党建员）业务培训日期已填”不成立") {
		t.Fatalf("the review does not list 党务培训内容 with why:\n%s", scr)
	}
	r := onTop[*reviewPage](m)
	for _, rw := range r.rows {
		// 经济发展 is not in the draft: its rates are not missing
		if strings.Contains(rw.text, "完成率：待填") || strings.Contains(rw.text, "签约率") {
			t.Errorf("a computed value of a part not in the draft is listed: %s", rw.text)
		}
	}
	for !strings.Contains(r.rows[r.sel].text, "培训内容") {
		if next := r.next(r.sel, 1); next != r.sel {
			r.sel = next
			continue
		}
		t.Fatal("the row cannot be chosen")
	}
	press(m, "enter")
	if w := formOf(m).focused(); screen(m) != "form" || w == nil || w.field == nil || w.field.ID != "党务培训日期" {
		t.Errorf("Enter went to %+v on %s", w, screen(m))
	}
}

// TestReviewInvalidOnce: a value that cannot be read is listed once, with
// its field to jump to — not again as a warning about the answers file.
func TestReviewInvalidOnce(t *testing.T) {
	m := newModel(t, Options{Template: templates.Default, AnswersPath: copyAnswers(t)}, 120, 40)
	m.s.st.a.Set("发展党员", schema.Raw{Text: "4O"})
	m.s.refresh()
	press(m, "ctrl+r")
	r := onTop[*reviewPage](m)
	var rows []string
	for _, rw := range r.rows {
		if strings.Contains(rw.text, "“4O”不是数字") {
			rows = append(rows, rw.text)
			if !rw.jumps() {
				t.Errorf("row %q does not jump to the field", rw.text)
			}
		}
	}
	if len(rows) != 1 {
		t.Errorf("the bad value is listed %d times: %q", len(rows), rows)
	}
}

// TestReviewRateOverMax: a share that cannot pass 100% (隐患整改率, max:
// 100) is questioned when it does; a completion rate over 100% (超额完成)
// is not.
func TestReviewRateOverMax(t *testing.T) {
	m := newModel(t, Options{Template: templates.Default, AnswersPath: copyAnswers(t)}, 120, 40)
	for id, v := range map[string]string{"发现隐患": "100", "整改隐患": "120", "固定资产投资": "12", "固投任务": "10"} {
		m.s.st.a.Set(id, schema.Raw{Text: v})
	}
	m.s.refresh()
	if v := m.s.vs.Value("固投完成率"); v.Num.Value <= 100 {
		t.Fatalf("固投完成率 = %v, want over 100", v)
	}
	press(m, "ctrl+r")
	var text []string
	for _, rw := range onTop[*reviewPage](m).rows {
		text = append(text, rw.text)
	}
	all := strings.Join(text, "\n")
	if !strings.Contains(all, "整改隐患（120）多于发现隐患（100）：隐患整改率为 120%，请核对") {
		t.Errorf("整改率 over 100%% not questioned:\n%s", all)
	}
	if strings.Contains(all, "完成率为") {
		t.Errorf("a completion rate over 100%% is questioned:\n%s", all)
	}
}

// TestReviewCopiedRate: with last year's answers, a 同比 rate the same as
// last year's (copied forward with the file) is questioned on the review
// page, and the row jumps to the field.
func TestReviewCopiedRate(t *testing.T) {
	ans := copyAnswersOf(t, "dept-housing")
	m := newModel(t, Options{Template: "dept-housing", AnswersPath: ans, Previous: "../testdata/answers/dept-housing.yaml"}, 120, 40)
	press(m, "ctrl+r")
	r := onTop[*reviewPage](m)
	found := false
	for _, rw := range r.rows {
		if strings.Contains(rw.text, "“同比增速”填的 8% 与上年答案相同") {
			found = true
			if rw.field != "建筑业增速" {
				t.Errorf("row %q jumps to %q", rw.text, rw.field)
			}
		}
	}
	if !found {
		t.Fatalf("the copied rate is not questioned:\n%s", screenText(m))
	}
}

// TestReviewEmptySection: a section whose every item is left empty goes
// from the draft with its heading; the review page names it, so a title
// that still promises it (…和2024年工作计划) is caught.
func TestReviewEmptySection(t *testing.T) {
	ans := copyAnswersOf(t, "dept-annual")
	m := newModel(t, Options{Template: "dept-annual", AnswersPath: ans}, 160, 40)
	for _, f := range m.s.t.Part("部门工作计划").AllFields() {
		m.s.st.a.Delete(f.ID)
	}
	m.s.refresh()
	for _, p := range m.s.doc.Paras {
		if p.Part == "部门工作计划" {
			t.Fatal("the plan is still in the draft")
		}
	}
	press(m, "ctrl+r")
	r := onTop[*reviewPage](m)
	for _, rw := range r.rows {
		if strings.Contains(rw.text, "工作计划") && strings.Contains(rw.text, "整个部分不写入") {
			return
		}
	}
	t.Fatalf("the empty plan is not named:\n%s", screenText(m))
}

// TestReviewLongRow: a row too long for the page is shown in full under
// the list while it is selected.
func TestReviewLongRow(t *testing.T) {
	ans := copyAnswersOf(t, "dept-housing")
	m := newModel(t, Options{Template: "dept-housing", AnswersPath: ans, Previous: "../testdata/answers/dept-housing.yaml"}, 80, 30)
	press(m, "ctrl+r")
	r := onTop[*reviewPage](m)
	for i, rw := range r.rows {
		if strings.Contains(rw.text, "与上年答案相同") {
			r.sel = i
		}
	}
	sc := strings.ReplaceAll(screenText(m), "\n", "")
	sc = strings.Join(strings.Fields(sc), "")
	if !strings.Contains(sc, "是不是还没有改？") {
		t.Fatalf("the selected row is not shown in full:\n%s", screenText(m))
	}
}

// TestCopiedRateInFull: the reminder about a 同比 rate copied from last
// year, with the rate its two years give, is read in full on an 80×24
// terminal: under the review page's list while its row is selected, and
// under the field, where Enter on the row goes.
func TestCopiedRateInFull(t *testing.T) {
	dir := t.TempDir()
	write := func(name, text string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	tpl := write("rates.yaml", `id: rates-test
name: 同比测试
title: "{单位}工作总结"
info:
  - {id: 单位, type: text}
sections:
  - id: 经济
    headings: [经济发展]
    fields:
      - {id: 全区规模以上工业企业完成工业总产值, label: 全区规模以上工业企业完成工业总产值（现价，含园区代管企业）, type: money, unit: 亿元}
      - {id: 全区规模以上工业企业完成工业总产值同比增长, label: 全区规模以上工业企业完成工业总产值（现价，含园区代管企业）同比增长, type: percent}
    text: 全区规模以上工业企业完成工业总产值{全区规模以上工业企业完成工业总产值}亿元，同比增长{全区规模以上工业企业完成工业总产值同比增长}。
`)
	answers := "template: {id: rates-test, version: 1}\nvalues:\n  单位: 城南街道\n  全区规模以上工业企业完成工业总产值: \"%s\"\n  全区规模以上工业企业完成工业总产值同比增长: \"5.2%%\"\n"
	prev := write("2024.yaml", fmt.Sprintf(answers, "38.6"))
	ans := write("2025.yaml", fmt.Sprintf(answers, "40.9"))
	m := newModel(t, Options{Template: tpl, AnswersPath: ans, Previous: prev}, 80, 24)
	// the screen (right of the outline) without its line breaks, the
	// spaces put in them and the marks before a warning's lines
	flat := func() string {
		var b strings.Builder
		for _, l := range strings.Split(screenText(m), "\n") {
			if _, right, ok := strings.Cut(l, sepRune); ok {
				l = right
			}
			b.WriteString(strings.Join(strings.Fields(strings.ReplaceAll(l, "!", "")), ""))
		}
		return b.String()
	}
	const rate = "按两年的“全区规模以上工业企业完成工业总产值（现价，含园区代管企业）”（38.6→40.9）算，是同比增长6.0%"
	press(m, "ctrl+r")
	r := onTop[*reviewPage](m)
	for i, rw := range r.rows {
		if strings.Contains(rw.text, "与上年答案相同") {
			r.sel = i
		}
	}
	if !strings.Contains(flat(), rate) {
		t.Fatalf("the review page does not show the rate computed:\n%s", screenText(m))
	}
	press(m, "enter")
	if f := formOf(m).focused(); screen(m) != "form" || f == nil || f.field == nil || f.field.ID != "全区规模以上工业企业完成工业总产值同比增长" {
		t.Fatalf("Enter on the reminder: %s", screen(m))
	}
	if !strings.Contains(flat(), rate) {
		t.Fatalf("the field does not show the rate computed:\n%s", screenText(m))
	}
}
